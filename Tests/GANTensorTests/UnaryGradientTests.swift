import Foundation
import GANTensor
import GANTestSupport
import Testing

/// An elementwise op with the inputs it is checked on (domain and kinks respected).
struct UnaryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: @Sendable ([Int], UInt64) -> Tensor
    let apply: @Sendable (Tensor) -> Tensor
    var testDescription: String { name }

    static let all: [UnaryCase] = [
        UnaryCase(name: "exp", input: { TestInputs.uniform($0, seed: $1) }, apply: { $0.exp() }),
        UnaryCase(name: "log", input: { TestInputs.uniform($0, seed: $1, low: 0.5, high: 2) }, apply: { $0.log() }),
        UnaryCase(name: "sqrt", input: { TestInputs.uniform($0, seed: $1, low: 0.5, high: 2) }, apply: { $0.sqrt() }),
        UnaryCase(name: "pow 3", input: { TestInputs.uniform($0, seed: $1) }, apply: { $0.pow(3) }),
        UnaryCase(name: "pow 2", input: { TestInputs.uniform($0, seed: $1) }, apply: { $0.pow(2) }),
        UnaryCase(name: "pow 0.5", input: { TestInputs.uniform($0, seed: $1, low: 0.5, high: 2) }, apply: { $0.pow(0.5) }),
        UnaryCase(name: "pow -1.5", input: { TestInputs.uniform($0, seed: $1, low: 0.5, high: 2) }, apply: { $0.pow(-1.5) }),
        UnaryCase(name: "abs", input: { TestInputs.awayFromZero($0, seed: $1) }, apply: { $0.abs() }),
        UnaryCase(name: "tanh", input: { TestInputs.uniform($0, seed: $1, low: -2, high: 2) }, apply: { $0.tanh() }),
        UnaryCase(name: "sigmoid", input: { TestInputs.uniform($0, seed: $1, low: -3, high: 3) }, apply: { $0.sigmoid() }),
        UnaryCase(name: "softplus", input: { TestInputs.uniform($0, seed: $1, low: -3, high: 3) }, apply: { $0.softplus() }),
        UnaryCase(name: "relu", input: { TestInputs.awayFromZero($0, seed: $1) }, apply: { $0.relu() }),
        UnaryCase(name: "leakyReLU", input: { TestInputs.awayFromZero($0, seed: $1) }, apply: { $0.leakyReLU(0.2) }),
        UnaryCase(name: "neg", input: { TestInputs.uniform($0, seed: $1) }, apply: { -$0 }),
        UnaryCase(name: "squared", input: { TestInputs.uniform($0, seed: $1) }, apply: { $0.squared() }),
    ]
}

/// Values and first/second-order gradients of the elementwise functions.
@Suite struct UnaryGradientTests {
    @Test(arguments: UnaryCase.all, [[7], [2, 3, 4]])
    func gradientsMatchFiniteDifferences(op: UnaryCase, shape: [Int]) throws {
        let x = op.input(shape, UInt64(shape.count * 100 + op.name.count))
        try expectGradientsMatch([x]) { op.apply($0[0]) }
    }

    @Test func valuesOnKnownInputs() {
        let e = Float(M_E)
        expectValues(Tensor([0, 1, -1]).exp(), [1, e, 1 / e])
        expectValues(Tensor([1, e, 0.25]).log(), [0, 1, -2 * Float(M_LN2)])
        expectValues(Tensor([4, 9, 0]).sqrt(), [2, 3, 0])
        expectValues(Tensor([2, -3, 0.5]).pow(3), [8, -27, 0.125])
        expectValues(Tensor([4, 0.25]).pow(-0.5), [0.5, 2])
        expectValues(Tensor([-2, 3, 0]).abs(), [2, 3, 0])
        expectValues(Tensor([-2, 3, 0]).sign(), [-1, 1, 0])
        expectValues(Tensor([0, 0.5, -30]).tanh(), [0, Float(Foundation.tanh(0.5)), -1])
        expectValues(Tensor([0, 2, -100]).sigmoid(), [0.5, 1 / (1 + Float(Foundation.exp(-2.0))), 0])
        expectValues(Tensor([0, 100, -100]).softplus(), [Float(M_LN2), 100, 0], tolerance: 1e-5)
        expectValues(Tensor([-1, 2, 0]).relu(), [0, 2, 0])
        expectValues(Tensor([-1, 2]).leakyReLU(0.2), [-0.2, 2])
        expectValues(-Tensor([-1, 2]), [1, -2])
        expectValues(Tensor([-1.5, 2]).squared(), [2.25, 4])
    }

    @Test func extremeInputsStayFinite() {
        let extreme = Tensor([-1000, 1000])
        #expect(extreme.sigmoid().scalars == [0, 1])
        #expect(extreme.softplus().scalars == [0, 1000])
        #expect(extreme.tanh().scalars == [-1, 1])
    }

    @Test func piecewiseLinearOpsHaveTheirSlopesAsGradient() throws {
        let x = Tensor([-0.5, 0.5]).requiringGradient()
        #expect(try x.relu().sum().gradients(wrt: [x])[0].scalars == [0, 1])
        #expect(try x.leakyReLU(0.2).sum().gradients(wrt: [x])[0].scalars == [0.2, 1])
        #expect(try x.abs().sum().gradients(wrt: [x])[0].scalars == [-1, 1])
    }

    @Test(arguments: [Float(0), 0.2, 0.01], [[7], [2, 3, 4]])
    func leakyReLUGradientMasksByTheInputAndIsItsOwnPullback(slope: Float, shape: [Int]) throws {
        let x = TestInputs.awayFromZero(shape, seed: 11)
        let g = TestInputs.uniform(shape, seed: 12)
        let expected = zip(g.scalars, x.scalars).map { $1 > 0 ? $0 : $0 * slope }
        expectValues(Tensor.leakyReLUGradient(g, input: x, slope: slope), expected, shape: shape)
        try expectGradientsMatch([g]) { Tensor.leakyReLUGradient($0[0], input: x, slope: slope) }
        let scaled = zip(g.scalars, x.scalars).map { $1 > 0 ? $0 * 1.5 : $0 * 1.5 * slope }
        expectValues(Tensor.leakyReLUGradient(g, input: x, slope: slope, gain: 1.5), scaled, shape: shape)
        try expectGradientsMatch([g]) { Tensor.leakyReLUGradient($0[0], input: x, slope: slope, gain: 1.5) }
    }

    @Test func leakyReLUGradientGivesTheInputNoGradient() throws {
        let x = Tensor([-0.5, 0.5]).requiringGradient()
        let g = Tensor([2, 3]).requiringGradient()
        let grads = try Tensor.leakyReLUGradient(g, input: x, slope: 0.2).sum().gradients(wrt: [g, x])
        #expect(grads[0].scalars == [0.2, 1])
        #expect(grads[1].scalars == [0, 0])
    }
}
