import Foundation
import GANTensor
import Testing

/// conv2d and convTranspose2d against PyTorch (float64 reference values, written by
/// Fixtures/make_conv_fixtures.py): forward values, first-order gradients of
/// L = Σ y ⊙ proj, and second-order gradients of ⟨∂L/∂x, v⟩ and ⟨∂L/∂w, u⟩.
@Suite struct ConvolutionFixtureTests {
    typealias Values = FixtureValues

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        /// Rows and columns of zero padding.
        let op: String, stride: Int, padding: [Int], outputPadding: Int
        let x: Values, w: Values, proj: Values, v: Values, u: Values
        let y: Values, gradX: Values, gradW: Values, hxX: Values, hxW: Values, hwX: Values, hwW: Values
        var testDescription: String { "\(op) x\(x.shape) w\(w.shape) s\(stride) p\(padding) op\(outputPadding)" }

        func apply(_ x: Tensor, _ w: Tensor) -> Tensor {
            op == "conv2d"
                ? Tensor.conv2d(x, w, stride: stride, padding: (padding[0], padding[1]))
                : Tensor.convTranspose2d(x, w, stride: stride, padding: (padding[0], padding[1]), outputPadding: outputPadding)
        }
    }

    static let cases: [Case] = fixtureCases("conv_fixtures", script: "make_conv_fixtures.py")

    /// max |actual − expected| ≤ 1e-4 · max |expected| (exactly zero where PyTorch has zeros).
    static func expectClose(_ actual: Tensor, _ expected: Values, _ what: String, _ c: Case) {
        expectRelativelyClose(actual, expected, relative: 1e-4, "\(what) of \(c.testDescription)")
    }

    @Test func fixtureFileCoversBothOps() {
        #expect(Set(Self.cases.map(\.op)) == ["conv2d", "convTranspose2d"])
    }

    @Test(arguments: cases)
    func matchesPyTorchToFirstAndSecondOrder(_ c: Case) throws {
        let x = c.x.tensor.requiringGradient(), w = c.w.tensor.requiringGradient()
        let y = c.apply(x, w)
        Self.expectClose(y, c.y, "forward", c)
        let loss = (y * c.proj.tensor).sum()
        let grads = try loss.gradients(wrt: [x, w], createGraph: true)
        Self.expectClose(grads[0], c.gradX, "∂L/∂x", c)
        Self.expectClose(grads[1], c.gradW, "∂L/∂w", c)
        let hx = try (grads[0] * c.v.tensor).sum().gradients(wrt: [x, w])
        Self.expectClose(hx[0], c.hxX, "∂⟨∂L/∂x, v⟩/∂x", c)
        Self.expectClose(hx[1], c.hxW, "∂⟨∂L/∂x, v⟩/∂w", c)
        let hw = try (grads[1] * c.u.tensor).sum().gradients(wrt: [x, w])
        Self.expectClose(hw[0], c.hwX, "∂⟨∂L/∂w, u⟩/∂x", c)
        Self.expectClose(hw[1], c.hwW, "∂⟨∂L/∂w, u⟩/∂w", c)
    }
}
