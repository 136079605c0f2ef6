import GANTensor
import GANTestSupport
import Testing

/// conv2dResample, modulatedConv2d and minibatchStandardDeviation: first- and second-order
/// finite-difference checks in every input, plus the properties that define them.
@Suite struct StyleGAN2OpsGradientTests {
    struct ResampleCase: CustomTestStringConvertible, Sendable {
        let input: [Int], weight: [Int], up: Int, down: Int, padding: Int, flipWeight: Bool
        var testDescription: String { "x\(input) w\(weight) up \(up) down \(down) p\(padding) flip \(flipWeight)" }
    }

    static let resampleCases = [
        ResampleCase(input: [2, 2, 6, 6], weight: [3, 2, 3, 3], up: 1, down: 2, padding: 1, flipWeight: true),
        ResampleCase(input: [2, 2, 6, 6], weight: [3, 2, 1, 1], up: 1, down: 2, padding: 0, flipWeight: true),
        ResampleCase(input: [2, 2, 3, 4], weight: [3, 2, 3, 3], up: 2, down: 1, padding: 1, flipWeight: false),
        ResampleCase(input: [2, 2, 3, 3], weight: [2, 2, 1, 1], up: 2, down: 1, padding: 0, flipWeight: false),
        ResampleCase(input: [1, 2, 5, 5], weight: [2, 2, 3, 3], up: 1, down: 1, padding: 1, flipWeight: false),
    ]

    @Test(arguments: resampleCases)
    func conv2dResamplePassesFirstAndSecondOrderChecks(_ c: ResampleCase) throws {
        let x = TestInputs.uniform(c.input, seed: 11), w = TestInputs.uniform(c.weight, seed: 12, low: -0.6, high: 0.6)
        let f: ([Tensor]) -> Tensor = { t in
            Tensor.conv2dResample(t[0], t[1], up: c.up, down: c.down, padding: c.padding, flipWeight: c.flipWeight).tanh()
        }
        let first = try GradCheck.firstOrder([x, w], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x, w], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test(arguments: [(1, 1, true, true), (2, 1, true, false), (1, 0, false, true)])
    func modulatedConv2dPassesFirstAndSecondOrderChecks(_ up: Int, _ padding: Int, _ demodulate: Bool,
                                                        _ withNoise: Bool) throws {
        let k = padding == 1 ? 3 : 1
        let x = TestInputs.uniform([2, 3, 4, 4], seed: 21)
        let w = TestInputs.uniform([2, 3, k, k], seed: 22)
        let s = TestInputs.uniform([2, 3], seed: 23, low: 0.5, high: 1.5)
        let noise = TestInputs.uniform([2, 1, 4 * up, 4 * up], seed: 24)
        let f: ([Tensor]) -> Tensor = { t in
            Tensor.modulatedConv2d(t[0], weight: t[1], styles: t[2], noise: withNoise ? t[3] : nil, up: up,
                                   padding: padding, demodulate: demodulate, flipWeight: up == 1).tanh()
        }
        let inputs = [x, w, s] + (withNoise ? [noise] : [])
        let first = try GradCheck.firstOrder(inputs, f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder(inputs, f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    /// Demodulation makes the output invariant to a per-sample scale of the styles, and gives
    /// each output channel unit expected variance for unit-variance inputs (eq. 3).
    @Test func demodulationRemovesTheStyleScale() {
        let x = TestInputs.uniform([2, 3, 5, 5], seed: 31)
        let w = TestInputs.uniform([4, 3, 3, 3], seed: 32)
        let s = TestInputs.uniform([2, 3], seed: 33, low: 0.5, high: 1.5)
        let a = Tensor.modulatedConv2d(x, weight: w, styles: s, padding: 1)
        let b = Tensor.modulatedConv2d(x, weight: w, styles: s * 7, padding: 1)
        let worst = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4)
        let plain = Tensor.modulatedConv2d(x, weight: w, styles: s, padding: 1, demodulate: false)
        let scaled = Tensor.modulatedConv2d(x, weight: w, styles: s * 7, padding: 1, demodulate: false)
        #expect(Swift.abs(scaled.scalars[0] - 7 * plain.scalars[0]) < 1e-4 * Swift.max(1, Swift.abs(scaled.scalars[0])))
    }

    @Test(arguments: [([8, 3, 3, 3], 4, 1), ([8, 4, 2, 3], 4, 2), ([3, 2, 3, 3], 4, 1), ([6, 2, 2, 2], 3, 1)])
    func minibatchStandardDeviationPassesFirstAndSecondOrderChecks(_ shape: [Int], _ group: Int, _ channels: Int) throws {
        let x = TestInputs.uniform(shape, seed: 41)
        try expectGradientsMatch([x]) { $0[0].minibatchStandardDeviation(groupSize: group, channels: channels) }
    }

    /// Sample i belongs to group i mod (N/G); its appended channel is the mean over channels and
    /// pixels of the per-pixel standard deviation over that group.
    @Test func minibatchStandardDeviationGroupsByStride() {
        let x = TestInputs.uniform([4, 2, 1, 2], seed: 51)
        let y = x.minibatchStandardDeviation(groupSize: 2, channels: 1)
        #expect(y.shape == [4, 3, 1, 2])
        let v = x.scalars
        func std(_ a: Int, _ b: Int, _ k: Int) -> Float {
            let (p, q) = (v[a * 4 + k], v[b * 4 + k])
            let m = (p + q) / 2
            return (((p - m) * (p - m) + (q - m) * (q - m)) / 2 + 1e-8).squareRoot()
        }
        for (sample, partner) in [(0, 2), (1, 3), (2, 0), (3, 1)] {
            let expected = (0..<4).map { std(sample, partner, $0) }.reduce(0, +) / 4
            #expect(Swift.abs(y[sample, 2, 0, 0] - expected) < 1e-6)
            #expect(Swift.abs(y[sample, 2, 0, 1] - expected) < 1e-6)
        }
    }
}
