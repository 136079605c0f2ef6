import Foundation
import GANTensor
import GANTestSupport
import Testing

/// One resampling op with its parameters, applied forward or as its adjoint.
struct ResamplingCase: CustomTestStringConvertible, Sendable {
    enum Op: Sendable {
        case avgPool(kernel: Int, stride: Int, padding: Int = 0, countIncludePad: Bool = true), nearest(factor: Int), bilinearSize(Int, Int), bilinearScale(Double)
    }
    let op: Op, input: [Int]
    var testDescription: String { "\(op) on \(input)" }

    func apply(_ x: Tensor) -> Tensor {
        switch op {
        case .avgPool(let k, let s, let p, let include): x.avgPool2d(kernel: k, stride: s, padding: p, countIncludePad: include)
        case .nearest(let f): x.upsampleNearest(factor: f)
        case .bilinearSize(let h, let w): x.upsampleBilinear(toSize: (h, w))
        case .bilinearScale(let s): x.upsampleBilinear(scale: s)
        }
    }

    func adjoint(_ y: Tensor) -> Tensor {
        switch op {
        case .avgPool(let k, let s, let p, let include):
            y.avgPool2dAdjoint(kernel: k, stride: s, padding: p, countIncludePad: include, inputSize: (input[2], input[3]))
        case .nearest(let f): y.upsampleNearestAdjoint(factor: f)
        case .bilinearSize: y.upsampleBilinearAdjoint(toSize: (input[2], input[3]))
        case .bilinearScale(let s): y.upsampleBilinearAdjoint(toSize: (input[2], input[3]), scale: s)
        }
    }
}

/// avgPool2d, upsampleNearest and upsampleBilinear: gradient checks of both orders, the
/// adjoint identity of each op pair, and agreement with PyTorch (maxPool2d's too; its
/// gradient checks are in MaxPoolingTests).
@Suite struct ResamplingTests {
    static let cases = [
        ResamplingCase(op: .avgPool(kernel: 2, stride: 2), input: [2, 3, 6, 6]),
        ResamplingCase(op: .avgPool(kernel: 3, stride: 2), input: [1, 2, 7, 5]),
        ResamplingCase(op: .avgPool(kernel: 2, stride: 1), input: [2, 2, 5, 4]),
        ResamplingCase(op: .avgPool(kernel: 4, stride: 3), input: [1, 2, 8, 10]),
        ResamplingCase(op: .avgPool(kernel: 3, stride: 1, padding: 1, countIncludePad: false), input: [2, 2, 5, 4]),
        ResamplingCase(op: .avgPool(kernel: 3, stride: 2, padding: 1, countIncludePad: true), input: [1, 2, 7, 6]),
        ResamplingCase(op: .nearest(factor: 2), input: [2, 2, 3, 4]),
        ResamplingCase(op: .nearest(factor: 3), input: [1, 3, 2, 3]),
        ResamplingCase(op: .bilinearSize(6, 8), input: [2, 2, 3, 4]),
        ResamplingCase(op: .bilinearSize(7, 3), input: [1, 2, 5, 5]),
        ResamplingCase(op: .bilinearScale(1.5), input: [1, 2, 3, 5]),
        ResamplingCase(op: .bilinearScale(2), input: [2, 1, 4, 3]),
    ]

    static func sample(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: -1, high: 1, using: &rng)
    }

    @Test(arguments: cases)
    func passesFirstAndSecondOrderChecks(_ c: ResamplingCase) throws {
        let x = Self.sample(c.input, seed: 21)
        // The gain keeps pooled means (≈ ±0.3) where tanh has curvature, so second order is well conditioned.
        let f: ([Tensor]) -> Tensor = { t in (c.apply(t[0]) * 2).tanh() }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    /// ⟨op(x), y⟩ = ⟨x, adjoint(y)⟩, and the adjoint's own gradient is the op.
    @Test(arguments: cases)
    func opAndAdjointAreAdjoint(_ c: ResamplingCase) throws {
        let x = Self.sample(c.input, seed: 22)
        let forward = c.apply(x)
        let y = Self.sample(forward.shape, seed: 23)
        let back = c.adjoint(y)
        #expect(back.shape == x.shape)
        let lhs = zip(forward.scalars, y.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(x.scalars, back.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(lhs - rhs) < 1e-5 * max(1, abs(lhs)), "⟨op x, y⟩ = \(lhs), ⟨x, opᵀ y⟩ = \(rhs)")
        let first = try GradCheck.firstOrder([y]) { t in c.adjoint(t[0]).tanh() }
        #expect(first.relativeError < 2e-3, "\(first)")
    }

    @Test func bilinearDoublingUsesQuarterWeights() {
        let x = Tensor(shape: [1, 1, 1, 2], values: [1, 5])
        #expect(x.upsampleBilinear(toSize: (1, 4)).scalars == [1, 2, 4, 5])
    }

    struct Fixture: Decodable, CustomTestStringConvertible, Sendable {
        struct Parameters: Decodable, Sendable {
            let kernel: Int?, stride: Int?, padding: Int?, countIncludePad: Bool?, factor: Int?, size: [Int]?, scale: Double?
        }
        let op: String, parameters: Parameters, x: FixtureValues, proj: FixtureValues, y: FixtureValues, grad: FixtureValues
        var testDescription: String { "\(op) \(parameters) on \(x.shape)" }

        func apply(_ t: Tensor) -> Tensor {
            switch op {
            case "avgPool2d":
                t.avgPool2d(kernel: parameters.kernel!, stride: parameters.stride!, padding: parameters.padding ?? 0,
                            countIncludePad: parameters.countIncludePad ?? true)
            case "maxPool2d": t.maxPool2d(kernel: parameters.kernel!, stride: parameters.stride!, padding: parameters.padding ?? 0)
            case "upsampleNearest": t.upsampleNearest(factor: parameters.factor!)
            default: parameters.size.map { t.upsampleBilinear(toSize: ($0[0], $0[1])) } ?? t.upsampleBilinear(scale: parameters.scale!)
            }
        }
    }

    static let fixtures: [Fixture] = fixtureCases("resampling_fixtures", script: "make_resampling_fixtures.py")

    @Test(arguments: fixtures)
    func matchesPyTorch(_ c: Fixture) throws {
        let x = c.x.tensor.requiringGradient()
        let y = c.apply(x)
        let grad = try (y * c.proj.tensor).sum().gradients(wrt: [x])[0]
        expectRelativelyClose(y, c.y, relative: 1e-5, "forward")
        expectRelativelyClose(grad, c.grad, relative: 1e-5, "gradient")
    }
}
