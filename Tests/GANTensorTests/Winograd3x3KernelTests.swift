@testable import GANTensor
import Testing

/// The Winograd F(2×2, 3×3) kernels for 3×3 / stride 1 / padding 1 convolutions against the
/// im2col kernels (themselves checked against PyTorch in ConvolutionFixtureTests), op by op,
/// on shapes that exercise batch splitting (batch 1 uses a parallel sgemm, odd batches split
/// unevenly over the cores), single-tile and non-square planes, and channel counts that are
/// not powers of two. Tolerance: max |Winograd − im2col| ≤ 1e-5 · max |im2col| (the
/// transforms add a few float sums and exact halvings per value, the same bound as the
/// F(2×2, 2×2) kernels' tests).
@Suite struct Winograd3x3KernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let batch: Int, channels: Int, outChannels: Int, height: Int, width: Int
        var testDescription: String { "N\(batch) C\(channels)→O\(outChannels) \(height)×\(width)" }
        var geometry: ConvGeometry {
            ConvGeometry(input: [batch, channels, height, width], kernel: (3, 3), stride: 1, padding: (1, 1), op: "test")
        }
    }

    static let shapes: [Case] = [
        Case(batch: 1, channels: 8, outChannels: 8, height: 2, width: 2),
        Case(batch: 3, channels: 9, outChannels: 12, height: 6, width: 10),
        Case(batch: 2, channels: 20, outChannels: 9, height: 16, width: 8),
        Case(batch: 5, channels: 33, outChannels: 16, height: 4, width: 4),
        // Many more outputs than inputs: the output planes outgrow the padded input buffer.
        Case(batch: 3, channels: 8, outChannels: 64, height: 12, width: 14),
        Case(batch: 4, channels: 64, outChannels: 64, height: 32, width: 32),
    ]

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

    @Test(arguments: shapes)
    func convolutionMatchesIm2col(_ s: Case) {
        let x = WinogradKernelTests.sample([s.batch, s.channels, s.height, s.width], seed: 1)
        let w = WinogradKernelTests.sample([s.outChannels, s.channels, 3, 3], seed: 2)
        let fast = Winograd3x3Kernels.convolve(x, w, s.geometry)
        let reference = ConvolutionKernels.convolve(x, w, s.geometry)
        #expect(WinogradKernelTests.relativeDifference(fast, reference) < 1e-5)
    }

    @Test(arguments: shapes)
    func inputAdjointMatchesIm2col(_ s: Case) {
        let y = WinogradKernelTests.sample([s.batch, s.outChannels, s.height, s.width], seed: 3)
        let w = WinogradKernelTests.sample([s.outChannels, s.channels, 3, 3], seed: 4)
        let fast = Winograd3x3Kernels.convolveTransposed(y, w, s.geometry)
        let reference = ConvolutionKernels.convolveTransposed(y, w, s.geometry)
        #expect(WinogradKernelTests.relativeDifference(fast, reference) < 1e-5)
    }

    @Test(arguments: shapes)
    func weightGradientMatchesIm2col(_ s: Case) {
        let x = WinogradKernelTests.sample([s.batch, s.channels, s.height, s.width], seed: 5)
        let gy = WinogradKernelTests.sample([s.batch, s.outChannels, s.height, s.width], seed: 6)
        let fast = Winograd3x3Kernels.weightGradient(x, gy, s.geometry)
        let reference = ConvolutionKernels.weightGradient(x, gy, s.geometry)
        #expect(WinogradKernelTests.relativeDifference(fast, reference) < 1e-5)
    }

    /// The public ops take this path: conv2d and its two gradients agree with im2col.
    @Test func publicOpsDispatchHere() throws {
        let s = Self.shapes[1], g = s.geometry
        let x = WinogradKernelTests.sample([s.batch, s.channels, s.height, s.width], seed: 10)
        let w = WinogradKernelTests.sample([s.outChannels, s.channels, 3, 3], seed: 11)
        let y = Tensor.conv2d(x, w, stride: 1, padding: 1)
        #expect(y.scalars == Winograd3x3Kernels.convolve(x, w, g).scalars)
        #expect(y.scalars != ConvolutionKernels.convolve(x, w, g).scalars, "rounding differs between the paths")
    }
}
