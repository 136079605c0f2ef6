import GANTensor
import GANTestSupport
import Testing

/// `Tensor.batchNormalization`: its fused first-order gradients against the composed,
/// differentiable formulas it uses under double backprop, and both against finite differences.
@Suite struct BatchNormalizationTests {
    static let shapes: [[Int]] = [[4, 3, 5, 2], [2, 20, 4, 4], [64, 2, 1, 1]]

    static func inputs(_ shape: [Int]) -> (x: Tensor, gamma: Tensor, beta: Tensor, probe: Tensor) {
        var rng = RandomSource(seed: 11)
        let x = Tensor.normal(shape, mean: 0.3, std: 1.7, using: &rng)
        let gamma = Tensor.uniform([shape[1]], low: 0.5, high: 1.5, using: &rng)
        let beta = Tensor.uniform([shape[1]], low: -1, high: 1, using: &rng)
        return (x, gamma, beta, Tensor.normal(shape, mean: 0, std: 1, using: &rng))
    }

    @Test(arguments: shapes)
    func fusedGradientsEqualTheComposedOnes(_ shape: [Int]) throws {
        let (x0, gamma0, beta0, probe) = Self.inputs(shape)
        let x = x0.requiringGradient(), gamma = gamma0.requiringGradient(), beta = beta0.requiringGradient()
        let loss = (Tensor.batchNormalization(x, weight: gamma, bias: beta, epsilon: 1e-5).output * probe).sum()
        let fused = try loss.gradients(wrt: [x, gamma, beta])
        let composed = try loss.gradients(wrt: [x, gamma, beta], createGraph: true)
        for (a, b) in zip(fused, composed) {
            let scale = b.scalars.map(abs).max() ?? 0
            let error = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(error <= 1e-5 * Swift.max(scale, 1), "\(error) at scale \(scale)")
        }
    }

    @Test func passesFirstAndSecondOrderChecksInAllThreeInputs() throws {
        let (x, gamma, beta, probe) = Self.inputs([3, 2, 2, 3])
        let f: ([Tensor]) -> Tensor = { t in
            let y = Tensor.batchNormalization(t[0], weight: t[1], bias: t[2], epsilon: 1e-5).output
            return y * y * probe
        }
        let first = try GradCheck.firstOrder([x, gamma, beta], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x, gamma, beta], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test func returnsTheBatchMeanAndBiasedVariance() {
        let x = Tensor(shape: [2, 1, 1, 2], values: [1, 2, 3, 6])
        let (y, mean, variance) = Tensor.batchNormalization(x, weight: Tensor([2]), bias: Tensor([1]), epsilon: 0)
        #expect(mean.scalars == [3])
        #expect(abs(variance.scalars[0] - 3.5) < 1e-6)
        let s = Float(3.5).squareRoot()
        expectValues(y, [1 - 4 / s, 1 - 2 / s, 1, 1 + 6 / s], tolerance: 1e-5)
    }
}
