import AugmentationADA
import Foundation
import GANCore
import GANTestSupport
import Testing

/// GANKit's ADA against the authors' `AugmentPipe` (StyleGAN2-ADA's `training/augment.py`, run
/// unchanged by `Fixtures/ada_official_fixture.py`): fed the draws the official pipeline made,
/// `sampleParameters` must build its matrices, and `apply` its images — each operation alone at
/// p = 1, the presets at p = 0.6 (and `bgc` at p = 1, at p = 0 and on grey images). Colour to
/// 1e-6, geometry (the sym6 path) to 1e-5.
@Suite struct ADAOfficialFixtureTests {
    struct Fixture: Decodable, Sendable {
        struct Case: Decodable, Sendable, CustomTestStringConvertible {
            let name: String
            let multipliers: [String: Double]
            let p: Double
            let shape: [Int]
            let input: String
            let draws: [Draw]
            let geometry: [[Double]]?
            let color: [[Double]]?
            let output: [Float]
            var testDescription: String { name }
        }

        /// One noted value: ["u", v] from `torch.rand`, ["n", v] from `torch.randn`.
        struct Draw: Decodable, Sendable {
            let draw: RandomDraw
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                let kind = try c.decode(String.self), value = try c.decode(Double.self)
                switch kind {
                case "u": draw = .uniformDouble(value)
                case "n": draw = .normal(Float(value))
                default: throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown draw kind '\(kind)'")
                }
            }
        }

        let inputs: [String: [Float]]
        let cases: [Case]
    }

    static let fixture: Fixture = {
        guard let url = Bundle.module.url(forResource: "ada_official", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else {
            fatalError("Fixtures/ada_official.json is missing or unreadable; run Fixtures/ada_official_fixture.py")
        }
        return fixture
    }()

    /// ADA at the case's p with exactly the case's multipliers (the rest 0).
    static func ada(_ c: Fixture.Case, filter: ADA.Filter = .sym6) -> ADA {
        let multipliers = Dictionary(uniqueKeysWithValues: ADA.Operation.allCases.map { ($0, c.multipliers[$0.rawValue] ?? 0) })
        return ADA(fixedP: c.p, multipliers: multipliers, filter: filter)
    }

    /// The parameters GANKit draws from the official draws; records an issue unless every
    /// draw was used.
    static func parameters(_ c: Fixture.Case) -> ADA.Parameters {
        var script = ScriptedRandomSource(c.draws.map(\.draw))
        let size = ImageSize(channels: c.shape[1], height: c.shape[2], width: c.shape[3])
        let parameters = ada(c).sampleParameters(batch: c.shape[0], size: size, using: &script)
        #expect(script.remaining == 0, "\(c.name): \(script.remaining) official draws left unused")
        return parameters
    }

    static func input(_ c: Fixture.Case) -> Tensor { Tensor(shape: c.shape, values: fixture.inputs[c.input]!) }

    @Test func theFixtureCoversEveryOperationAloneAndEveryPreset() {
        let names = Set(Self.fixture.cases.map(\.name))
        #expect(names.isSuperset(of: ADA.Operation.allCases.map(\.rawValue)))
        #expect(names.isSuperset(of: ADA.Preset.allCases.filter { $0 != .bg }.map(\.rawValue)))
        #expect(Self.fixture.cases.contains { $0.shape[1] == 1 })
    }

    @Test(arguments: ADAOfficialFixtureTests.fixture.cases)
    func theOfficialDrawsGiveTheOfficialMatrices(_ c: Fixture.Case) {
        let parameters = Self.parameters(c)
        let geometry = c.geometry ?? Array(repeating: HomogeneousMatrix.identity(3).elements, count: c.shape[0])
        for (n, official) in geometry.enumerated() {
            let error = zip(parameters.geometry[n].elements, official).map { abs($0 - $1) }.max()!
            #expect(error < 1e-5, "\(c.name) sample \(n): G_inv \(parameters.geometry[n]) against \(official)")
        }
        // Rows 0–2 only: the authors' saturation also scales the homogeneous entry, which
        // nothing reads.
        let color = c.color ?? Array(repeating: HomogeneousMatrix.identity(4).elements, count: c.shape[0])
        for (n, official) in color.enumerated() {
            let error = zip(parameters.color[n].elements.prefix(12), official.prefix(12)).map { abs($0 - $1) }.max()!
            #expect(error < 1e-5, "\(c.name) sample \(n): C \(parameters.color[n]) against \(official)")
        }
    }

    @Test(arguments: ADAOfficialFixtureTests.fixture.cases)
    func theOfficialDrawsGiveTheOfficialImages(_ c: Fixture.Case) {
        let output = Self.ada(c).apply(Self.input(c), Self.parameters(c))
        let geometric = c.multipliers.keys.contains { ADA.Operation(rawValue: $0)?.isGeometric == true }
        let tolerance: Float = geometric ? 1e-5 : 1e-6
        let error = maxDifference(output.scalars, c.output)
        #expect(error < tolerance, "\(c.name): largest difference \(error) from the official output")
    }

    /// With `.bilinear`, every output pixel is the bilinear interpolation of the input at its
    /// source point G_inv·p mirrored about the border pixels' centres, computed here in Double.
    @Test func theBilinearFilterIsPlainBilinearSamplingMirroredAboutPixelCentres() throws {
        let c = try #require(Self.fixture.cases.first { $0.name == "bgc-p1" })
        let x = Self.input(c)
        let matrices = Self.parameters(c).geometry
        let colorless = ADA.Parameters(geometry: matrices, color: matrices.map { _ in .identity(4) })
        let output = Self.ada(c, filter: .bilinear).apply(x, colorless)
        let (n, channels, h, w) = (c.shape[0], c.shape[1], c.shape[2], c.shape[3])
        func mirrored(_ v: Double, _ size: Int) -> Double {
            var v = v
            while v < 0 || v > Double(size - 1) { v = v < 0 ? -v : 2 * Double(size - 1) - v }
            return v
        }
        var reference = [Float]()
        for s in 0..<n {
            let m = matrices[s]
            for ch in 0..<channels {
                for i in 0..<h {
                    for j in 0..<w {
                        let px = Double(j) - Double(w - 1) / 2, py = Double(i) - Double(h - 1) / 2
                        let sx = mirrored(m[0, 0] * px + m[0, 1] * py + m[0, 2] + Double(w - 1) / 2, w)
                        let sy = mirrored(m[1, 0] * px + m[1, 1] * py + m[1, 2] + Double(h - 1) / 2, h)
                        let x0 = min(Int(sx), w - 2), y0 = min(Int(sy), h - 2)
                        let tx = sx - Double(x0), ty = sy - Double(y0)
                        func at(_ yy: Int, _ xx: Int) -> Double { Double(x[s, ch, yy, xx]) }
                        let top = at(y0, x0) * (1 - tx) + at(y0, x0 + 1) * tx
                        let bottom = at(y0 + 1, x0) * (1 - tx) + at(y0 + 1, x0 + 1) * tx
                        reference.append(Float(top * (1 - ty) + bottom * ty))
                    }
                }
            }
        }
        #expect(matrices.allSatisfy { !$0.isIdentity })
        let error = maxDifference(output.scalars, reference)
        #expect(error < 2e-6, "largest difference \(error) from the bilinear reference")
        // The two filters differ, most at the border.
        let sym6 = Self.ada(c).apply(x, colorless)
        #expect(maxDifference(sym6.scalars, output.scalars) > 0.05)
    }
}
