import GANNN
import GANTensor
import GANTestSupport
import Testing

/// EqualizedLinear and EqualizedConv2d: the official scaling at use (weight lr/√fan_in, bias lr),
/// the initialisation N(0, 1)/lr, the fused bias and activation gain, and second-order checks
/// of the input gradient (the R1 path).
@Suite struct EqualizedLayerTests {
    @Test func linearScalesWeightAndBiasAtUse() {
        var rng = RandomSource(seed: 1)
        let layer = EqualizedLinear(4, 2, learningRateMultiplier: 0.01, biasInitial: 1, using: &rng)
        layer.weight.assign(Tensor(shape: [2, 4], values: [1, 2, 3, 4, -1, 0, 1, 2]))
        let x = Tensor(shape: [1, 4], values: [1, 1, 0, 2])
        let y = layer(x)
        // c = 0.01/√4 = 0.005; x·Wᵀ = [11, 3]; bias 1·0.01.
        #expect(isClose(y.scalars, [11 * 0.005 + 0.01, 3 * 0.005 + 0.01]))
        #expect(layer.weightGain == 0.005)
    }

    @Test func linearInitialisesWeightAsUnitNormalOverTheMultiplier() {
        var rng = RandomSource(seed: 2)
        let layer = EqualizedLinear(64, 64, learningRateMultiplier: 0.01, biasInitial: 0.5, using: &rng)
        let w = layer.weight.value.scalars
        let mean = w.reduce(0, +) / Float(w.count)
        let std = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(w.count)).squareRoot()
        #expect(Swift.abs(std - 100) < 5, "std \(std)")
        #expect(layer.bias?.value.scalars.allSatisfy { $0 == 0.5 } == true)
    }

    @Test func leakyReLUActivationCarriesTheGainSqrtTwo() {
        var rng = RandomSource(seed: 3)
        let layer = EqualizedLinear(1, 1, activation: .leakyReLU, using: &rng)
        layer.weight.assign(Tensor(shape: [1, 1], values: [1]))
        let y = layer(Tensor(shape: [2, 1], values: [2, -2]))
        let root2 = Float(2).squareRoot()
        #expect(isClose(y.scalars, [2 * root2, -0.4 * root2]))
    }

    /// The clamp (conv_clamp) limits the output to ±clamp·gain, passing the gradient only inside.
    @Test func conv2dClampLimitsTheOutputAndItsGradient() throws {
        var rng = RandomSource(seed: 11)
        let layer = EqualizedConv2d(1, 1, kernelSize: 1, clamp: 1.5, using: &rng)
        layer.weight.assign(Tensor(shape: [1, 1, 1, 1], values: [1]))
        let x = Tensor(shape: [1, 1, 1, 4], values: [-4, -1, 0.5, 3]).requiringGradient()
        let y = layer(x, gain: 2)
        #expect(y.scalars == [-3, -2, 1, 3])
        let g = try y.sum().gradients(wrt: [x])[0]
        #expect(g.scalars == [0, 2, 2, 0])
    }

    @Test func weightGradientIsScaledByTheGain() throws {
        var rng = RandomSource(seed: 4)
        let layer = EqualizedLinear(4, 3, learningRateMultiplier: 0.5, using: &rng)
        let x = sample([2, 4], seed: 5)
        try layer(x).sum().backward()
        // d/dW Σ x·(cW)ᵀ = c · (column sums of x), c = 0.5/2.
        let columnSums = (0..<4).map { j in x.scalars[j] + x.scalars[4 + j] }
        #expect(isClose(layer.weight.grad!.scalars, (0..<3).flatMap { _ in columnSums.map { $0 * 0.25 } }))
        #expect(isClose(layer.bias!.grad!.scalars, [1, 1, 1].map { $0 * 2 * 0.5 }))
    }

    @Test func conv2dMatchesThePlainConvolutionOfTheScaledWeight() {
        var rng = RandomSource(seed: 6)
        let layer = EqualizedConv2d(3, 4, kernelSize: 3, activation: .leakyReLU, using: &rng)
        layer.bias!.assign(sample([4], seed: 7))
        let x = sample([2, 3, 5, 5], seed: 8)
        let c = 1 / Float(27).squareRoot()
        let expected = (Tensor.conv2d(x, layer.weight.value * c, padding: 1) + layer.bias!.value.reshaped([1, 4, 1, 1]))
            .leakyReLU(0.2) * (Float(2).squareRoot() * 0.5)
        let y = layer(x, gain: 0.5)
        #expect(y.shape == [2, 4, 5, 5])
        #expect(isClose(y.scalars, expected.scalars, relative: 1e-5, absolute: 1e-5))
    }

    @Test(arguments: [(1, 1, 3), (1, 2, 3), (1, 2, 1), (2, 1, 3)])
    func conv2dInputGradientPassesFirstAndSecondOrderChecks(_ up: Int, _ down: Int, _ kernel: Int) throws {
        var rng = RandomSource(seed: 9)
        // Linear: leaky ReLU's kink would sit within the finite-difference step of some outputs.
        let layer = EqualizedConv2d(2, 3, kernelSize: kernel, up: up, down: down, using: &rng)
        let x = sample([2, 2, 4, 4], seed: 10)
        let size = 4 * up / down
        #expect(layer(x).shape == [2, 3, size, size])
        // tanh makes the second derivative nonzero.
        let f: ([Tensor]) -> Tensor = { xs in layer(xs[0]).tanh() }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }
}

/// Uniform in [−1, 1) from a seeded source.
private func sample(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = RandomSource(seed: seed)
    return Tensor.uniform(shape, low: -1, high: 1, using: &rng)
}
