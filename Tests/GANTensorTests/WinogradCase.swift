@testable import GANTensor
import Testing

/// One shape of the Winograd kernel tests (WinogradKernelTests, Winograd3x3KernelTests): batch,
/// input and output channels and input plane, on the k×k, stride-s, padding-1 geometry of the
/// kernels under test.
struct WinogradCase: CustomTestStringConvertible, Sendable {
    let batch: Int, channels: Int, outChannels: Int, height: Int, width: Int
    let kernel: Int, stride: Int
    var testDescription: String { "N\(batch) C\(channels)→O\(outChannels) \(height)×\(width)" }
    var geometry: ConvGeometry {
        ConvGeometry(input: input, kernel: (kernel, kernel), stride: stride, padding: (1, 1), op: "test")
    }
    /// The shapes of x, of w and of conv2d(x, w).
    var input: [Int] { [batch, channels, height, width] }
    var weight: [Int] { [outChannels, channels, kernel, kernel] }
    var output: [Int] { [batch, outChannels, geometry.outputHeight, geometry.outputWidth] }

    /// The cases (batch, channels, outChannels, height, width) of `shapes` on one geometry.
    static func list(kernel: Int, stride: Int, _ shapes: [(Int, Int, Int, Int, Int)]) -> [WinogradCase] {
        shapes.map { n, c, o, h, w in
            WinogradCase(batch: n, channels: c, outChannels: o, height: h, width: w, kernel: kernel, stride: stride)
        }
    }
}

/// The three convolution ops of a kernel family (`ConvolutionKernels`, `WinogradKernels`,
/// `Winograd3x3Kernels`): conv2d, its input adjoint and its weight gradient.
protocol ConvolutionKernelFamily {
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor
}

extension ConvolutionKernels: ConvolutionKernelFamily {}
extension WinogradKernels: ConvolutionKernelFamily {}
extension Winograd3x3Kernels: ConvolutionKernelFamily {}

/// One of the three ops of a `ConvolutionKernelFamily`.
enum ConvolutionOp: CaseIterable {
    case convolve, convolveTransposed, weightGradient
}

extension WinogradCase {
    /// max |fast − im2col| / max |im2col| for `op` computed by `Fast` and by `ConvolutionKernels`
    /// on this geometry, with seeded inputs: x and w for conv2d, y (conv2d's output shape) and w
    /// for its input adjoint, x and gy for the weight gradient.
    func im2colDifference<Fast: ConvolutionKernelFamily>(_ op: ConvolutionOp, _ fast: Fast.Type) -> Float {
        let g = geometry
        switch op {
        case .convolve:
            let x = TestInputs.uniform(input, seed: 1), w = TestInputs.uniform(weight, seed: 2)
            return relativeDifference(Fast.convolve(x, w, g), ConvolutionKernels.convolve(x, w, g))
        case .convolveTransposed:
            let y = TestInputs.uniform(output, seed: 3), w = TestInputs.uniform(weight, seed: 4)
            return relativeDifference(Fast.convolveTransposed(y, w, g), ConvolutionKernels.convolveTransposed(y, w, g))
        case .weightGradient:
            let x = TestInputs.uniform(input, seed: 5), gy = TestInputs.uniform(output, seed: 6)
            return relativeDifference(Fast.weightGradient(x, gy, g), ConvolutionKernels.weightGradient(x, gy, g))
        }
    }
}
