/// 2-D convolution as three linear ops closed under differentiation.
///
/// For y = conv2d(x, w) and a cotangent g of y, ⟨conv2d(x, w), g⟩ is linear in each argument:
/// - ∂/∂x is `convTranspose2d(g, w)`, the adjoint of x ↦ conv2d(x, w);
/// - ∂/∂w is `conv2dWeightGradient(x, g)`, the adjoint of w ↦ conv2d(x, w).
/// `convTranspose2d(x, w)` is that same adjoint applied to x, so ⟨convTranspose2d(x, w), g⟩ =
/// ⟨x, conv2d(g, w)⟩ = ⟨w, conv2dWeightGradient(g, x)⟩ gives its pullback; and
/// ⟨conv2dWeightGradient(x, gy), Γ⟩ = ⟨conv2d(x, Γ), gy⟩ = ⟨x, convTranspose2d(gy, Γ)⟩ gives
/// the weight gradient's. Every gradient is again one of the three ops, so convolution is
/// differentiable to any order (the scheme of PyTorch's derivatives.yaml and stylegan2-ada's
/// `conv2d_gradfix.py`). Each op is im2col/col2im plus sgemm (`ConvolutionKernels`), or, for
/// 4×4 kernels at stride 2 and padding 1, Winograd's F(2×2, 2×2) on the polyphase split
/// (`WinogradKernels`, 9/16 of the FLOPs), or, for 3×3 kernels at stride 1 and padding 1,
/// Winograd's F(4×4, 3×3) or F(2×2, 3×3) (`Winograd3x3Kernels`, 1/4 or 4/9 of the FLOPs);
/// each Winograd path applies only to even planes with at least 8 channels on both sides.
/// Kernels may be rectangular (Inception-v3's 1×7,
/// 7×1, 1×3, 3×1) and padding may differ per axis: `padding: (ph, pw)` pads ph rows above and
/// below and pw columns left and right, as PyTorch's `padding=(ph, pw)`; an `Int` padding p is
/// (p, p). Bias is not part of the op: layers add it by broadcasting.
extension Tensor {
    /// Cross-correlation of x [N, C, H, W] with w [O, C, kh, kw] → [N, O, Ho, Wo],
    /// Ho = ⌊(H + 2p − kh)/s⌋ + 1 (PyTorch's `F.conv2d`, dilation 1, groups 1).
    public static func conv2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
        conv2d(x, w, stride: stride, padding: (padding, padding))
    }

    /// conv2d with ph rows of zeros above and below and pw columns left and right:
    /// Ho = ⌊(H + 2ph − kh)/s⌋ + 1, Wo = ⌊(W + 2pw − kw)/s⌋ + 1.
    public static func conv2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: (Int, Int)) -> Tensor {
        precondition(w.rank == 4, "conv2d: weight must be [O, C, kh, kw], got \(w.shape)")
        precondition(x.rank == 4 && x.shape[1] == w.shape[1],
                     "conv2d: input \(x.shape) must be [N, \(w.shape[1]), H, W] for weight \(w.shape)")
        let kernel = (w.shape[2], w.shape[3])
        let geometry = ConvGeometry(input: x.shape, kernel: kernel, stride: stride, padding: padding, op: "conv2d")
        let y = convolveValue(x, w, geometry)
        return record(y, op: "conv2d", inputs: [x, w]) { g, _ in
            [x.needsGradient
                ? convTranspose2d(g, w, stride: stride, padding: padding, outputSize: (x.shape[2], x.shape[3])) : nil,
             w.needsGradient
                ? conv2dWeightGradient(input: x, outputGradient: g, kernelSize: kernel, stride: stride, padding: padding) : nil]
        }
    }

    /// Transposed convolution with PyTorch's `ConvTranspose2d` semantics: x [N, Cin, H, W],
    /// w [Cin, Cout, kh, kw] → [N, Cout, Ho, Wo], Ho = (H − 1)s − 2p + kh + outputPadding.
    /// `outputSize` (Ho, Wo) overrides `outputPadding` when given; it must be one of the s sizes
    /// whose conv2d output is H×W. This is the adjoint of x ↦ conv2d(x, w) from Ho×Wo to H×W.
    public static func convTranspose2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: Int = 0,
                                       outputPadding: Int = 0, outputSize: (Int, Int)? = nil) -> Tensor {
        convTranspose2d(x, w, stride: stride, padding: (padding, padding), outputPadding: outputPadding,
                        outputSize: outputSize)
    }

    /// convTranspose2d with per-axis padding (ph, pw): Ho = (H − 1)s − 2ph + kh + outputPadding,
    /// Wo = (W − 1)s − 2pw + kw + outputPadding.
    public static func convTranspose2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: (Int, Int),
                                       outputPadding: Int = 0, outputSize: (Int, Int)? = nil) -> Tensor {
        precondition(w.rank == 4, "convTranspose2d: weight must be [Cin, Cout, kh, kw], got \(w.shape)")
        precondition(x.rank == 4 && x.shape[1] == w.shape[0],
                     "convTranspose2d: input \(x.shape) must be [N, \(w.shape[0]), H, W] for weight \(w.shape)")
        precondition(stride >= 1, "convTranspose2d: stride must be ≥ 1, got \(stride)")
        let kernel = (w.shape[2], w.shape[3])
        let size: (Int, Int)
        if let outputSize {
            size = outputSize
        } else {
            precondition(outputPadding >= 0 && outputPadding < stride,
                         "convTranspose2d: outputPadding \(outputPadding) must lie in 0..<stride (\(stride))")
            size = ((x.shape[2] - 1) * stride - 2 * padding.0 + kernel.0 + outputPadding,
                    (x.shape[3] - 1) * stride - 2 * padding.1 + kernel.1 + outputPadding)
        }
        precondition(size.0 >= 1 && size.1 >= 1, "convTranspose2d: output size \(size) of input \(x.shape) is empty")
        let geometry = ConvGeometry(input: [x.shape[0], w.shape[1], size.0, size.1], kernel: kernel,
                                    stride: stride, padding: padding, op: "convTranspose2d")
        precondition(geometry.outputHeight == x.shape[2] && geometry.outputWidth == x.shape[3],
                     "convTranspose2d: output size \(size) does not convolve back to the input's \(x.shape[2])×\(x.shape[3]) (kernel \(kernel), stride \(stride), padding \(padding))")
        let y = convolveTransposedValue(x, w, geometry)
        return record(y, op: "convTranspose2d", inputs: [x, w]) { g, _ in
            [x.needsGradient ? conv2d(g, w, stride: stride, padding: padding) : nil,
             w.needsGradient
                ? conv2dWeightGradient(input: g, outputGradient: x, kernelSize: kernel, stride: stride, padding: padding) : nil]
        }
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x [N, C, H, W] and gy [N, O, Ho, Wo]: shape [O, C, kh, kw].
    public static func conv2dWeightGradient(input x: Tensor, outputGradient gy: Tensor, kernelSize: (Int, Int),
                                            stride: Int, padding: Int) -> Tensor {
        conv2dWeightGradient(input: x, outputGradient: gy, kernelSize: kernelSize, stride: stride,
                             padding: (padding, padding))
    }

    /// conv2dWeightGradient for a convolution with per-axis padding (ph, pw).
    public static func conv2dWeightGradient(input x: Tensor, outputGradient gy: Tensor, kernelSize: (Int, Int),
                                            stride: Int, padding: (Int, Int)) -> Tensor {
        let geometry = ConvGeometry(input: x.shape, kernel: kernelSize, stride: stride, padding: padding,
                                    op: "conv2dWeightGradient")
        precondition(gy.rank == 4 && gy.shape[0] == x.shape[0]
                        && gy.shape[2] == geometry.outputHeight && gy.shape[3] == geometry.outputWidth,
                     "conv2dWeightGradient: output gradient \(gy.shape) must be [\(x.shape[0]), O, \(geometry.outputHeight), \(geometry.outputWidth)] for input \(x.shape), kernel \(kernelSize), stride \(stride), padding \(padding)")
        let y = weightGradientValue(x, gy, geometry)
        return record(y, op: "conv2dWeightGradient", inputs: [x, gy]) { g, _ in
            [x.needsGradient
                ? convTranspose2d(gy, g, stride: stride, padding: padding, outputSize: (x.shape[2], x.shape[3])) : nil,
             gy.needsGradient ? conv2d(x, g, stride: stride, padding: padding) : nil]
        }
    }

    // MARK: - Kernel choice

    /// The value of conv2d(x, w) from the first kernel family that applies to `g`.
    private static func convolveValue(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        if WinogradKernels.applies(g, outChannels: w.shape[0]) { return WinogradKernels.convolve(x, w, g) }
        if Winograd3x3Kernels.applies(g, outChannels: w.shape[0]) { return Winograd3x3Kernels.convolve(x, w, g) }
        return ConvolutionKernels.convolve(x, w, g)
    }

    /// The value of the input adjoint of conv2d(·, w) at y, as `convolveValue` chooses.
    private static func convolveTransposedValue(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        if WinogradKernels.applies(g, outChannels: w.shape[0]) { return WinogradKernels.convolveTransposed(y, w, g) }
        if Winograd3x3Kernels.applies(g, outChannels: w.shape[0]) {
            return Winograd3x3Kernels.convolveTransposed(y, w, g)
        }
        return ConvolutionKernels.convolveTransposed(y, w, g)
    }

    /// The value of conv2d's weight gradient, as `convolveValue` chooses.
    private static func weightGradientValue(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        if WinogradKernels.applies(g, outChannels: gy.shape[1]) { return WinogradKernels.weightGradient(x, gy, g) }
        if Winograd3x3Kernels.applies(g, outChannels: gy.shape[1]) { return Winograd3x3Kernels.weightGradient(x, gy, g) }
        return ConvolutionKernels.weightGradient(x, gy, g)
    }
}
