@testable import GANTensor
import Testing

/// The Winograd F(2×2, 3×3) and F(4×4, 3×3) kernels for 3×3 / stride 1 / padding 1
/// convolutions against the im2col kernels (themselves checked against PyTorch in
/// ConvolutionFixtureTests), op by op, on shapes that exercise both algorithms (sides that are
/// only even, sides that 4 divides), batch splitting (batch 1 uses a parallel sgemm, odd
/// batches split unevenly over the cores), single-tile and non-square planes, and channel counts
/// that are not powers of two. Tolerance: max |Winograd − im2col| ≤ 1e-5 · max |im2col| (the
/// F(2×2, 3×3) transforms add a few float sums and exact halvings per value, the same bound as
/// the F(2×2, 2×2) kernels' tests: measured 1.2–3.3e-7; F(4×4, 3×3)'s thirds, fifteenths and
/// scalings by up to 8 give 0.6–2.9e-6 on these shapes).
@Suite struct Winograd3x3KernelTests {
    /// (batch, channels, outChannels, height, width); the fifth and the last have many more
    /// outputs than inputs, so the output planes outgrow the padded input buffer. F(2×2, 3×3):
    /// the first, second and fifth; F(4×4, 3×3): the others.
    static let shapes = WinogradCase.list(kernel: 3, stride: 1, [(1, 8, 8, 2, 2), (3, 9, 12, 6, 10), (2, 20, 9, 16, 8), (5, 33, 16, 4, 4), (3, 8, 64, 12, 14), (4, 64, 64, 32, 32), (1, 8, 8, 4, 8), (3, 8, 64, 12, 16), (2, 128, 128, 8, 8)])

    @Test func appliesOnlyToThreeByThreeStrideOnePaddingOneWithWholeTiles() {
        func geometry(_ input: [Int], kernel: Int = 3, stride: Int = 1, padding: Int = 1) -> ConvGeometry {
            ConvGeometry(input: input, kernel: (kernel, kernel), stride: stride, padding: (padding, padding), op: "test")
        }
        #expect(Winograd3x3Kernels.applies(geometry([64, 128, 32, 32]), outChannels: 128))
        #expect(Winograd3x3Kernels.applies(geometry([1, 8, 2, 4]), outChannels: 8))
        // The finite-difference cases of ConvolutionGradientTests that must run here (conv2d's
        // x [2, 8, 4, 6] with 9 outputs; convTranspose2d's [2, 9, 4, 6] to 8 channels is the same).
        #expect(Winograd3x3Kernels.applies(geometry([2, 8, 4, 6]), outChannels: 9))
        #expect(!Winograd3x3Kernels.applies(geometry([64, 3, 32, 32]), outChannels: 64), "thin input")
        #expect(!Winograd3x3Kernels.applies(geometry([64, 64, 32, 32]), outChannels: 3), "thin output")
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 9, 8]), outChannels: 16), "odd height")
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 8, 7]), outChannels: 16), "odd width")
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 16, 16], padding: 0), outChannels: 16))
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 16, 16], stride: 2), outChannels: 16))
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 16, 16], kernel: 4, stride: 2), outChannels: 16))
        #expect(!Winograd3x3Kernels.applies(geometry([8, 16, 16, 16], kernel: 5, padding: 2), outChannels: 16))
    }

    @Test func picksFourByFourTilesWhenFourDividesBothSides() {
        #expect(Self.shapes.map { Winograd3x3Kernels.transforms($0.geometry).tile } == [2, 2, 4, 4, 2, 4, 4, 4, 4])
    }

    @Test(arguments: shapes, ConvolutionOp.allCases)
    func opsMatchIm2col(_ s: WinogradCase, _ op: ConvolutionOp) {
        #expect(s.im2colDifference(op, Winograd3x3Kernels.self) < 1e-5)
    }

    /// The public ops take this path: conv2d and its two gradients agree with im2col.
    @Test func publicOpsDispatchHere() throws {
        let s = Self.shapes[1], g = s.geometry
        let x = TestInputs.uniform(s.input, seed: 10), w = TestInputs.uniform(s.weight, seed: 11)
        let y = Tensor.conv2d(x, w, stride: 1, padding: 1)
        #expect(y.scalars == Winograd3x3Kernels.convolve(x, w, g).scalars)
        #expect(y.scalars != ConvolutionKernels.convolve(x, w, g).scalars, "rounding differs between the paths")
    }
}
