import GANTensor
import GANTestSupport
import Testing

/// maxPool2d: finite-difference checks of both orders, the arg-max routing of the gradient,
/// and that padding is never selected. (Agreement with PyTorch is in ResamplingTests.)
@Suite struct MaxPoolingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: [Int], kernel: Int, stride: Int, padding: Int
        var testDescription: String { "k\(kernel) s\(stride) p\(padding) on \(input)" }
    }

    static let cases = [
        Case(input: [2, 2, 7, 7], kernel: 3, stride: 2, padding: 0),
        Case(input: [1, 3, 5, 6], kernel: 3, stride: 1, padding: 1),
        Case(input: [2, 1, 6, 5], kernel: 2, stride: 2, padding: 1),
    ]

    /// Distinct values 0.05 apart in a scrambled order, so that a finite-difference step
    /// (1e-2) never changes which element of a window is the maximum.
    static func separated(_ shape: [Int]) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(shape: shape, values: (0..<n).map { Float(($0 * 37) % n) * 0.05 - Float(n) * 0.025 })
    }

    @Test(arguments: cases)
    func passesFirstAndSecondOrderChecks(_ c: Case) throws {
        let x = Self.separated(c.input) * 0.2
        // tanh gives the composite curvature, so the second-order check sees non-zero terms.
        let f: ([Tensor]) -> Tensor = { t in t[0].maxPool2d(kernel: c.kernel, stride: c.stride, padding: c.padding).tanh() }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test func gradientGoesToTheFirstMaximumOfEachWindow() throws {
        let x = Tensor(shape: [1, 1, 2, 4], values: [1, 3, 3, 0,
                                                     2, 3, 5, 5]).requiringGradient()
        let y = x.maxPool2d(kernel: 2)
        #expect(y.scalars == [3, 5])
        let g = try (y * Tensor(shape: [1, 1, 1, 2], values: [10, 20])).sum().gradients(wrt: [x])[0]
        #expect(g.scalars == [0, 10, 0, 0,
                              0, 0, 20, 0])
    }

    @Test func paddingIsNeverTheMaximum() {
        let x = Tensor(shape: [1, 1, 2, 2], values: [-4, -3, -2, -1])
        #expect(x.maxPool2d(kernel: 3, stride: 1, padding: 1).scalars == [-1, -1, -1, -1])
    }
}
