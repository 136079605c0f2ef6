import GANNN
import GANTensor
import GANTestSupport
import Testing

@Suite struct LinearTests {
    static func layer(bias: Bool) -> Linear {
        var rng = RandomSource(seed: 1)
        let linear = Linear(3, 2, bias: bias, using: &rng)
        linear.weight.assign(Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))
        linear.bias?.assign(Tensor([0.5, -1]))
        return linear
    }

    @Test func forwardComputesXTimesWeightTransposedPlusBias() {
        let x = Tensor(shape: [2, 3], values: [1, 0, -1, 2, 1, 0])
        let y = Self.layer(bias: true)(x)
        #expect(y.shape == [2, 2])
        #expect(y.scalars == [-1.5, -3, 4.5, 12])
        #expect(Self.layer(bias: false)(x).scalars == [-2, -2, 4, 13])
    }

    @Test func parametersAreWeightThenBiasInPyTorchLayout() {
        var rng = RandomSource(seed: 2)
        let linear = Linear(5, 7, using: &rng)
        #expect(linear.namedParameters().map(\.0) == ["weight", "bias"])
        #expect(linear.weight.shape == [7, 5])
        #expect(linear.parameterCount == 7 * 5 + 7)
        #expect(Linear(5, 7, bias: false, using: &rng).namedParameters().map(\.0) == ["weight"])
    }

    @Test func gradientsReachInputWeightAndBias() throws {
        let linear = Self.layer(bias: true)
        let x = Tensor(shape: [2, 3], values: [1, 0, -1, 2, 1, 0]).requiringGradient()
        try linear(x).sum().backward()
        // d/dW Σ(xWᵀ + b) = column sums of x repeated per output; d/db = N.
        #expect(linear.weight.grad?.scalars == [3, 1, -1, 3, 1, -1])
        #expect(linear.bias?.grad?.scalars == [2, 2])
        #expect(x.grad?.scalars == [5, 7, 9, 5, 7, 9])
    }

    @Test(arguments: [[1, 3], [4, 3]])
    func inputGradientPassesFirstAndSecondOrderChecks(shape: [Int]) throws {
        let linear = Self.layer(bias: true)
        var rng = RandomSource(seed: 3)
        let x = Tensor.uniform(shape, low: -1, high: 1, using: &rng)
        // tanh makes the second derivative non-zero.
        let f: ([Tensor]) -> Tensor = { xs in linear(xs[0]).tanh() }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }
}
