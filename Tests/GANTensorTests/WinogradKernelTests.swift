@testable import GANTensor
import Testing

/// The Winograd F(2×2, 2×2) kernels for 4×4 / stride 2 / padding 1 convolutions against the
/// im2col kernels (themselves checked against PyTorch in ConvolutionFixtureTests), op by op,
/// on shapes that exercise batch splitting (batch 1 uses a parallel sgemm, odd batches split
/// unevenly over the cores), non-square planes and channel counts that are not powers of two.
@Suite struct WinogradKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let batch: Int, channels: Int, outChannels: Int, height: Int, width: Int
        var testDescription: String { "N\(batch) C\(channels)→O\(outChannels) \(height)×\(width)" }
        var geometry: ConvGeometry {
            ConvGeometry(input: [batch, channels, height, width], kernel: (4, 4), stride: 2, padding: (1, 1), op: "test")
        }
    }

    static let shapes: [Case] = [
        Case(batch: 1, channels: 8, outChannels: 8, height: 4, width: 4),
        Case(batch: 3, channels: 8, outChannels: 12, height: 8, width: 12),
        Case(batch: 2, channels: 20, outChannels: 9, height: 16, width: 8),
        Case(batch: 5, channels: 16, outChannels: 32, height: 8, width: 8),
        // Many more outputs than inputs: conv2d's output tiles outgrow its padded input.
        Case(batch: 3, channels: 8, outChannels: 64, height: 16, width: 16),
    ]

    /// max |a − b| / max |b|.
    static func relativeDifference(_ a: Tensor, _ b: Tensor) -> Float {
        #expect(a.shape == b.shape)
        let scale = b.scalars.map(abs).max() ?? 0
        let error = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
        return error / Swift.max(scale, 1e-30)
    }

    static func sample(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: -1, high: 1, using: &rng)
    }

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

    @Test(arguments: shapes)
    func convolutionMatchesIm2col(_ s: Case) {
        let x = Self.sample([s.batch, s.channels, s.height, s.width], seed: 1)
        let w = Self.sample([s.outChannels, s.channels, 4, 4], seed: 2)
        let fast = WinogradKernels.convolve(x, w, s.geometry), reference = ConvolutionKernels.convolve(x, w, s.geometry)
        #expect(Self.relativeDifference(fast, reference) < 1e-5)
    }

    @Test(arguments: shapes)
    func inputAdjointMatchesIm2col(_ s: Case) {
        let g = s.geometry
        let y = Self.sample([s.batch, s.outChannels, g.outputHeight, g.outputWidth], seed: 3)
        let w = Self.sample([s.outChannels, s.channels, 4, 4], seed: 4)
        let fast = WinogradKernels.convolveTransposed(y, w, g)
        let reference = ConvolutionKernels.convolveTransposed(y, w, g)
        #expect(Self.relativeDifference(fast, reference) < 1e-5)
    }

    @Test(arguments: shapes)
    func weightGradientMatchesIm2col(_ s: Case) {
        let g = s.geometry
        let x = Self.sample([s.batch, s.channels, s.height, s.width], seed: 5)
        let gy = Self.sample([s.batch, s.outChannels, g.outputHeight, g.outputWidth], seed: 6)
        let fast = WinogradKernels.weightGradient(x, gy, g), reference = ConvolutionKernels.weightGradient(x, gy, g)
        #expect(Self.relativeDifference(fast, reference) < 1e-5)
    }

    /// ⟨conv2d(x, w), y⟩ = ⟨x, convTranspose2d(y, w)⟩ = ⟨w, conv2dWeightGradient(x, y)⟩ with
    /// every op on the Winograd path, in float64 sums.
    @Test func theThreeWinogradOpsAreAdjoints() {
        let s = Self.shapes[3], g = s.geometry
        let x = Self.sample([s.batch, s.channels, s.height, s.width], seed: 7)
        let w = Self.sample([s.outChannels, s.channels, 4, 4], seed: 8)
        let y = Self.sample([s.batch, s.outChannels, g.outputHeight, g.outputWidth], seed: 9)
        func dot(_ a: Tensor, _ b: Tensor) -> Double { zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
        let forward = dot(WinogradKernels.convolve(x, w, g), y)
        let adjoint = dot(x, WinogradKernels.convolveTransposed(y, w, g))
        let weights = dot(w, WinogradKernels.weightGradient(x, y, g))
        #expect(abs(forward - adjoint) < 1e-4 * abs(forward))
        #expect(abs(forward - weights) < 1e-4 * abs(forward))
    }
}
