import Foundation
import GANNN
import GANTensor
import GANTestSupport
import Testing

@Suite struct SpectralNormTests {
    /// Largest singular value of the row-major matrix `m` [rows, columns], by power iteration
    /// on mᵀm in Double run to convergence.
    static func largestSingularValue(_ m: [Float], rows: Int, columns: Int) -> Double {
        var v = [Double](repeating: 1, count: columns)
        var sigma = 0.0
        for _ in 0..<2_000 {
            let mv = (0..<rows).map { r in (0..<columns).reduce(0.0) { $0 + Double(m[r * columns + $1]) * v[$1] } }
            let mtmv = (0..<columns).map { c in (0..<rows).reduce(0.0) { $0 + Double(m[$1 * columns + c]) * mv[$1] } }
            let norm = mtmv.reduce(0) { $0 + $1 * $1 }.squareRoot()
            v = mtmv.map { $0 / norm }
            sigma = norm.squareRoot()
        }
        return sigma
    }

    /// A 3×4 matrix U·diag(4, 2, 0.5)·Vᵀ with U, V products of plane rotations: σ_max = 4.
    static func knownMatrix() -> Tensor {
        func rotation(_ n: Int, _ i: Int, _ j: Int, _ angle: Float) -> Tensor {
            var values = [Float](repeating: 0, count: n * n)
            for k in 0..<n { values[k * n + k] = 1 }
            values[i * n + i] = cosf(angle); values[j * n + j] = cosf(angle)
            values[i * n + j] = -sinf(angle); values[j * n + i] = sinf(angle)
            return Tensor(shape: [n, n], values: values)
        }
        let u = Tensor.matmul(rotation(3, 0, 1, 0.7), rotation(3, 1, 2, -1.1))
        let v = Tensor.matmul(rotation(4, 0, 3, 0.4), Tensor.matmul(rotation(4, 1, 2, 1.3), rotation(4, 0, 1, -0.6)))
        let sigma = Tensor(shape: [3, 4], values: [4, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0.5, 0])
        return Tensor.matmul(Tensor.matmul(u, sigma), v, transposeB: true)
    }

    @Test func powerIterationFindsTheKnownLargestSingularValue() {
        var rng = RandomSource(seed: 1)
        let sn = SpectralNorm(Linear(4, 3, using: &rng), using: &rng)
        sn.layer.weight.assign(Self.knownMatrix())
        for _ in 0..<30 { _ = sn.normalisedWeight() }
        #expect(abs(sn.sigma - 4) < 4e-5, "σ = \(sn.sigma)")
        let normalised = sn.normalisedWeight().scalars
        #expect(abs(Self.largestSingularValue(normalised, rows: 3, columns: 4) - 1) < 1e-5)
    }

    @Test(arguments: [(16, 9), (5, 40)])
    func normalisedRandomWeightHasUnitSpectralNorm(shape: (Int, Int)) {
        var rng = RandomSource(seed: 2)
        let sn = SpectralNorm(Linear(shape.1, shape.0, using: &rng), using: &rng)
        let w = sn.layer.weight.value.scalars
        for _ in 0..<200 { _ = sn.normalisedWeight() }
        let exact = Self.largestSingularValue(w, rows: shape.0, columns: shape.1)
        #expect(abs(Double(sn.sigma) - exact) < 1e-4 * exact, "σ = \(sn.sigma), exact \(exact)")
        #expect(abs(Self.largestSingularValue(sn.normalisedWeight().scalars, rows: shape.0, columns: shape.1) - 1) < 1e-4)
    }

    @Test func onlyTrainingForwardPassesIterate() {
        var rng = RandomSource(seed: 3)
        let sn = SpectralNorm(Linear(4, 3, using: &rng), using: &rng)
        let x = Tensor.normal([2, 4], using: &rng)
        let u0 = sn.u.value.scalars
        _ = sn(x)
        let u1 = sn.u.value.scalars
        #expect(u1 != u0)
        sn.eval()
        let y1 = sn(x).scalars
        #expect(sn.u.value.scalars == u1)
        #expect(sn(x).scalars == y1)
    }

    @Test func forwardRunsTheLayerWithTheNormalisedWeight() {
        var rng = RandomSource(seed: 4)
        let sn = SpectralNorm(Linear(4, 3, using: &rng), using: &rng)
        let x = Tensor.normal([2, 4], using: &rng)
        let y = sn(x)
        sn.eval()
        let expected = Tensor.matmul(x, sn.normalisedWeight(), transposeB: true) + sn.layer.bias!.value
        #expect(isClose(y.scalars, expected.scalars))
    }

    @Test func weightGradientThroughSigmaPassesFirstAndSecondOrderChecks() throws {
        var rng = RandomSource(seed: 5)
        let sn = SpectralNorm(Linear(3, 4, using: &rng), using: &rng)
        for _ in 0..<5 { _ = sn.normalisedWeight() }
        sn.eval()  // u and v fixed, so W ↦ W/σ(W) is a deterministic function
        let w = sn.layer.weight.value.detached()
        let f: ([Tensor]) -> Tensor = { ws in let n = sn.normalised(ws[0]); return n * n * n }
        let first = try GradCheck.firstOrder([w], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([w], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }
}
