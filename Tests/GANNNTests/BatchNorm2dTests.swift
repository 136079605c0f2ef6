import GANNN
import GANTensor
import GANTestSupport
import Testing

@Suite struct BatchNorm2dTests {
    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.normal(shape, mean: 0.5, std: 2, using: &rng)
    }

    static func layer() -> BatchNorm2d {
        let bn = BatchNorm2d(2)
        bn.weight.assign(Tensor([1.5, -0.5]))
        bn.bias.assign(Tensor([0.25, 2]))
        return bn
    }

    /// Per-channel mean and biased variance of NCHW `x`, in Double.
    static func channelStatistics(_ x: Tensor) -> [(mean: Double, variance: Double)] {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        return (0..<c).map { ch in
            var values: [Double] = []
            for i in 0..<n { for r in 0..<h { for s in 0..<w { values.append(Double(x[i, ch, r, s])) } } }
            let mean = values.reduce(0, +) / Double(values.count)
            return (mean, values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count))
        }
    }

    /// (x − mean)/√(variance + 1e-5)·γ + β per element, in Double.
    static func normalise(_ x: Tensor, _ stats: [(mean: Double, variance: Double)], gamma: [Double], beta: [Double]) -> [Float] {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var out: [Float] = []
        for i in 0..<n { for ch in 0..<c { for r in 0..<h { for s in 0..<w {
            let z = (Double(x[i, ch, r, s]) - stats[ch].mean) / (stats[ch].variance + 1e-5).squareRoot()
            out.append(Float(z * gamma[ch] + beta[ch]))
        } } } }
        return out
    }

    @Test(arguments: [[3, 2, 2, 2], [2, 2, 4, 3], [5, 2, 1, 1]])
    func trainingForwardUsesBatchStatisticsWithBiasedVariance(shape: [Int]) {
        let bn = Self.layer()
        let x = Self.input(shape, seed: 1)
        let expected = Self.normalise(x, Self.channelStatistics(x), gamma: [1.5, -0.5], beta: [0.25, 2])
        #expect(isClose(bn(x).scalars, expected, relative: 1e-5, absolute: 1e-5))
    }

    @Test func runningStatisticsMoveByMomentumTowardsMeanAndUnbiasedVariance() {
        let bn = Self.layer()
        let x = Self.input([3, 2, 2, 2], seed: 2), x2 = Self.input([3, 2, 2, 2], seed: 3)
        _ = bn(x)
        _ = bn(x2)
        let n = 12.0
        var mean = [0.0, 0.0], variance = [1.0, 1.0]
        for batch in [x, x2] {
            for (ch, s) in Self.channelStatistics(batch).enumerated() {
                mean[ch] = 0.9 * mean[ch] + 0.1 * s.mean
                variance[ch] = 0.9 * variance[ch] + 0.1 * s.variance * n / (n - 1)
            }
        }
        #expect(isClose(bn.runningMean.value.scalars, mean.map(Float.init)))
        #expect(isClose(bn.runningVariance.value.scalars, variance.map(Float.init)))
    }

    @Test func evaluationUsesRunningStatisticsAndLeavesThemUnchanged() {
        let bn = Self.layer()
        _ = bn(Self.input([4, 2, 3, 3], seed: 4))
        bn.eval()
        let running = bn.runningMean.value.scalars, runningVariance = bn.runningVariance.value.scalars
        let x = Self.input([2, 2, 3, 3], seed: 5)
        let stats = zip(running, runningVariance).map { (mean: Double($0), variance: Double($1)) }
        #expect(isClose(bn(x).scalars, Self.normalise(x, stats, gamma: [1.5, -0.5], beta: [0.25, 2]), absolute: 1e-5))
        #expect(bn.runningMean.value.scalars == running)
        #expect(bn.runningVariance.value.scalars == runningVariance)
    }

    @Test(arguments: [[3, 2, 2, 2], [2, 2, 3, 1]])
    func trainingForwardPassesFirstAndSecondOrderChecks(shape: [Int]) throws {
        let bn = Self.layer()
        let x = Self.input(shape, seed: 6)
        // The cube makes the projected output non-linear in the normalised values.
        let f: ([Tensor]) -> Tensor = { xs in let y = bn(xs[0]); return y * y * y }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test func gradientOfAnInputGradientReachesGammaAndBeta() throws {
        // R1-style double backprop: ‖∂Σ r⊙y²/∂x‖² with a fixed random r, differentiated
        // (without r, Σy² is constant in x and ∂Σy³/∂x does not depend on β) with respect to γ and β.
        let bn = Self.layer()
        let x = Self.input([3, 2, 2, 2], seed: 7).requiringGradient()
        let r = Self.input([3, 2, 2, 2], seed: 8)
        let y = bn(x)
        let gx = try (r * y * y).sum().gradients(wrt: [x], createGraph: true)[0]
        let penalty = (gx * gx).sum()
        let (dGamma, dBeta) = try { let g = try penalty.gradients(wrt: [bn.weight.value, bn.bias.value]); return (g[0], g[1]) }()
        // Finite differences of the penalty in γ₀ and β₁.
        func penaltyValue(gamma: [Float], beta: [Float]) throws -> Double {
            let probe = BatchNorm2d(2)
            probe.weight.assign(Tensor(gamma))
            probe.bias.assign(Tensor(beta))
            let xi = x.detached().requiringGradient()
            let yi = probe(xi)
            let g = try (r * yi * yi).sum().gradients(wrt: [xi])[0]
            return Double((g * g).sum().item)
        }
        let h: Float = 1e-2
        let numericGamma = (try penaltyValue(gamma: [1.5 + h, -0.5], beta: [0.25, 2])
                            - penaltyValue(gamma: [1.5 - h, -0.5], beta: [0.25, 2])) / Double(2 * h)
        let numericBeta = (try penaltyValue(gamma: [1.5, -0.5], beta: [0.25, 2 + h])
                           - penaltyValue(gamma: [1.5, -0.5], beta: [0.25, 2 - h])) / Double(2 * h)
        #expect(abs(numericGamma) > 1e-2 && abs(numericBeta) > 1e-2, "\(numericGamma), \(numericBeta)")
        #expect(abs(Double(dGamma.scalars[0]) - numericGamma) < 2e-3 * abs(numericGamma), "\(dGamma) vs \(numericGamma)")
        #expect(abs(Double(dBeta.scalars[1]) - numericBeta) < 2e-3 * abs(numericBeta))
    }
}
