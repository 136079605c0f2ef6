import GANTensor
import Testing

/// `biasLeakyReLU`, the fused bias + leaky ReLU + gain of StyleGAN2's layers: the values of the
/// three separate ops bit for bit, their gradients, and finite differences of first and second
/// order in both inputs.
@Suite struct BiasLeakyReLUTests {
    static let gain = Float(2).squareRoot()

    /// x away from the kink by at least 0.1 and a bias of at most 0.04, so x + b stays at least
    /// 0.06 from 0 under the finite differences' steps of 1e-2.
    static func inputs(_ shape: [Int], seed: UInt64) -> (x: Tensor, bias: Tensor) {
        (TestInputs.awayFromZero(shape, seed: seed), TestInputs.uniform([shape[1]], seed: seed + 1, low: -0.04, high: 0.04))
    }

    static func composed(_ x: Tensor, _ bias: Tensor, slope: Float, gain: Float) -> Tensor {
        (x + bias.reshaped([1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2))).leakyReLU(slope) * gain
    }

    @Test(arguments: [[3, 5], [2, 4, 3, 5], [2, 3, 4]])
    func valuesEqualTheThreeOpsBitForBit(shape: [Int]) {
        let x = TestInputs.uniform(shape, seed: 3, low: -2, high: 2)
        let bias = TestInputs.uniform([shape[1]], seed: 4)
        for (slope, gain) in [(Float(0.2), Self.gain), (0.01, 1), (0.2, 0.5)] {
            #expect(x.biasLeakyReLU(bias, slope: slope, gain: gain).scalars
                    == Self.composed(x, bias, slope: slope, gain: gain).scalars, "slope \(slope), gain \(gain)")
        }
    }

    @Test func aWorkedExample() {
        // x + b = [[1.5, -3], [1.5, -0.5]] (b along axis 1); leaky ReLU 0.2 → [[1.5, -0.6], [1.5, -0.1]]; × 2.
        let y = Tensor(shape: [2, 2], values: [1, -2.5, 1, 0]).biasLeakyReLU(Tensor([0.5, -0.5]), slope: 0.2, gain: 2)
        expectValues(y, [3, -1.2, 3, -0.2], shape: [2, 2])
    }

    @Test(arguments: [[3, 4], [2, 3, 2, 3]])
    func gradientsEqualThoseOfTheThreeOps(shape: [Int]) throws {
        let (x0, b0) = Self.inputs(shape, seed: 21)
        let g = TestInputs.uniform(shape, seed: 23)
        let (x, bias) = (x0.requiringGradient(), b0.requiringGradient())
        let fused = try (x.biasLeakyReLU(bias, gain: Self.gain) * g).sum().gradients(wrt: [x, bias])
        let separate = try (Self.composed(x, bias, slope: 0.2, gain: Self.gain) * g).sum().gradients(wrt: [x, bias])
        #expect(fused[0].scalars == separate[0].scalars)
        for (a, b) in zip(fused[1].scalars, separate[1].scalars) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
    }

    @Test(arguments: [[3, 4], [2, 3, 2, 3]])
    func gradientsMatchFiniteDifferences(shape: [Int]) throws {
        let (x, bias) = Self.inputs(shape, seed: UInt64(31 + shape.count))
        try expectGradientsMatch([x, bias]) { $0[0].biasLeakyReLU($0[1], slope: 0.2, gain: Self.gain) }
    }
}
