@testable import GANTensor
import Testing

/// The Winograd F(2×2, 2×2) kernels for 4×4 / stride 2 / padding 1 convolutions against the
/// im2col kernels (themselves checked against PyTorch in ConvolutionFixtureTests), op by op,
/// on shapes that exercise batch splitting (batch 1 uses a parallel sgemm, odd batches split
/// unevenly over the cores), non-square planes and channel counts that are not powers of two.
@Suite struct WinogradKernelTests {
    /// (batch, channels, outChannels, height, width); the last has many more outputs than
    /// inputs, so conv2d's output tiles outgrow its padded input.
    static let shapes = WinogradCase.list(kernel: 4, stride: 2, [(1, 8, 8, 4, 4), (3, 8, 12, 8, 12), (2, 20, 9, 16, 8), (5, 16, 32, 8, 8), (3, 8, 64, 16, 16)])

    @Test func appliesOnlyToFourByFourStrideTwoPaddingOneWithWholeTiles() {
        func geometry(_ input: [Int], kernel: Int = 4, stride: Int = 2, padding: Int = 1) -> ConvGeometry {
            ConvGeometry(input: input, kernel: (kernel, kernel), stride: stride, padding: (padding, padding), op: "test")
        }
        #expect(WinogradKernels.applies(geometry([64, 64, 16, 16]), outChannels: 128))
        #expect(WinogradKernels.applies(geometry([1, 8, 4, 8]), outChannels: 8))
        #expect(!WinogradKernels.applies(geometry([64, 3, 32, 32]), outChannels: 64), "thin input")
        #expect(!WinogradKernels.applies(geometry([64, 64, 32, 32]), outChannels: 3), "thin output")
        #expect(!WinogradKernels.applies(geometry([8, 16, 10, 10]), outChannels: 16), "odd output side 5")
        #expect(!WinogradKernels.applies(geometry([8, 16, 9, 8]), outChannels: 16), "odd input side")
        #expect(!WinogradKernels.applies(geometry([8, 16, 16, 16], padding: 0), outChannels: 16))
        #expect(!WinogradKernels.applies(geometry([8, 16, 16, 16], kernel: 3), outChannels: 16))
        #expect(!WinogradKernels.applies(geometry([8, 16, 16, 16], stride: 1), outChannels: 16))
    }

    @Test(arguments: shapes, ConvolutionOp.allCases)
    func opsMatchIm2col(_ s: WinogradCase, _ op: ConvolutionOp) {
        #expect(s.im2colDifference(op, WinogradKernels.self) < 1e-5)
    }

    /// ⟨conv2d(x, w), y⟩ = ⟨x, convTranspose2d(y, w)⟩ = ⟨w, conv2dWeightGradient(x, y)⟩ with
    /// every op on the Winograd path, in float64 sums.
    @Test func theThreeWinogradOpsAreAdjoints() {
        let s = Self.shapes[3], g = s.geometry
        let x = TestInputs.uniform(s.input, seed: 7), w = TestInputs.uniform(s.weight, seed: 8)
        let y = TestInputs.uniform(s.output, seed: 9)
        func dot(_ a: Tensor, _ b: Tensor) -> Double { zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
        let forward = dot(WinogradKernels.convolve(x, w, g), y)
        let adjoint = dot(x, WinogradKernels.convolveTransposed(y, w, g))
        let weights = dot(w, WinogradKernels.weightGradient(x, y, g))
        #expect(abs(forward - adjoint) < 1e-4 * abs(forward))
        #expect(abs(forward - weights) < 1e-4 * abs(forward))
    }
}
