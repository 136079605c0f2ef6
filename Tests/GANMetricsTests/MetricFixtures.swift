import Foundation
import GANCore

// The property names are the keys of the fixture file that the Python script writes.
// swift-format-ignore: AlwaysUseLowerCamelCase
/// The reference values of Fixtures/metric_fixtures.json (written by make_metric_fixtures.py)
/// and the seeded feature sets they were computed on, regenerated here bit for bit.
struct MetricFixture: Decodable {
    struct FeatureSpec: Decodable { let seed: UInt64; let n: Int; let d: Int; let scale: Double; let shift: Double }
    struct Subset: Decodable { let real: [Int]; let fake: [Int] }
    let name: String
    let real: FeatureSpec
    let fake: FeatureSpec
    let fid_sqrtm: Double
    let fid_eigh: Double
    let kid_subsets: [Subset]
    let kid_mean: Double
    let kid_std: Double
    let kid_whole_sets: Double
    let k: Int
    let precision: Double
    let recall: Double
    let density: Double
    let coverage: Double

    static let all: [MetricFixture] = {
        guard let url = Bundle.module.url(forResource: "metric_fixtures", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let cases = try? JSONDecoder().decode([MetricFixture].self, from: data) else {
            fatalError("Fixtures/metric_fixtures.json is missing or malformed; regenerate it with make_metric_fixtures.py")
        }
        return cases
    }()

    /// The script's `features`: x[i, j] = scale·(2u − 1) + w_j·(2s_i − 1) + shift·(j mod 5)/4 in
    /// Float64, rounded to Float32, with u and s from SplitMix64 counters.
    static func features(_ spec: FeatureSpec) -> Tensor {
        let (n, d) = (spec.n, spec.d)
        var values = [Float]()
        values.reserveCapacity(n * d)
        for i in 0..<n {
            let s = uniform(seed: spec.seed, counter: UInt64(i * (d + 1) + d))
            for j in 0..<d {
                let u = uniform(seed: spec.seed, counter: UInt64(i * (d + 1) + j))
                let w = 1.5 * Double(j % 7) / 7
                let x = spec.scale * (2 * u - 1) + w * (2 * s - 1) + spec.shift * Double(j % 5) / 4
                values.append(Float(x))
            }
        }
        return Tensor(shape: [n, d], values: values)
    }

    static func uniform(seed: UInt64, counter: UInt64) -> Double {
        var z = seed &* (1 << 32) &+ counter &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}

/// |actual − expected| ≤ relative·|expected|.
func isClose(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    abs(actual - expected) <= relative * abs(expected)
}
