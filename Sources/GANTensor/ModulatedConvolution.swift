/// Modulated convolution with weight demodulation, StyleGAN2's convolution (Karras et al.,
/// "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, §2.2, eqs. 1–3):
///
///     w'_{n,o,i,k} = s_{n,i} · w_{o,i,k}                      (modulation by the style s)
///     σ_{n,o} = (Σ_{i,k} w'²_{n,o,i,k} + ε)^(−1/2),  ε = 1e-8   (demodulation coefficient)
///     y_n = σ_n ⊙ conv(x_n, w'_n)
///
/// computed as stylegan2-ada-pytorch's `modulated_conv2d` (`training/networks.py`) does with
/// `fused_modconv=False` — the path its synthesis layers take while training: the input is
/// scaled by the styles per input channel, convolved with the shared weight
/// (`conv2dResample`, so `up = 2` is the transposed convolution plus the FIR filter), and the
/// result scaled by σ per sample and output channel. σ² is Σ_i s²_{n,i} · Σ_k w²_{o,i,k}, one
/// matrix product, instead of materialising the per-sample weights. Everything is made of
/// recorded ops, so the layer is differentiable to any order (R1 through D, path-length
/// regularisation through G).
extension Tensor {
    /// y = modulated_conv2d(x [N, I, H, W], weight [O, I, kh, kw], styles [N, I]) → [N, O, Ho, Wo];
    /// `noise` (broadcastable to the output, e.g. [N, 1, Ho, Wo], already scaled by its
    /// strength) is added after demodulation, as the official `fma(x, dcoefs, noise)`.
    public static func modulatedConv2d(_ x: Tensor, weight: Tensor, styles: Tensor, noise: Tensor? = nil,
                                       up: Int = 1, down: Int = 1, padding: Int = 0, filter: FIRFilter = .stylegan2,
                                       demodulate: Bool = true, flipWeight: Bool = true) -> Tensor {
        precondition(weight.rank == 4, "modulatedConv2d: weight must be [O, I, kh, kw], got \(weight.shape)")
        let (batch, inChannels) = (x.shape[0], weight.shape[1])
        precondition(x.rank == 4 && x.shape[1] == inChannels,
                     "modulatedConv2d: input \(x.shape) must be [N, \(inChannels), H, W] for weight \(weight.shape)")
        precondition(styles.shape == [batch, inChannels],
                     "modulatedConv2d: styles \(styles.shape) must be [\(batch), \(inChannels)] for input \(x.shape)")
        var y = x * styles.reshaped([batch, inChannels, 1, 1])
        y = conv2dResample(y, weight, filter: filter, up: up, down: down, padding: padding, flipWeight: flipWeight)
        if demodulate {
            let weightEnergy = (weight * weight).sum(axes: [2, 3])                       // [O, I]
            let energy = matmul(styles * styles, weightEnergy, transposeB: true)         // [N, O]
            let coefficients = (energy + 1e-8).pow(-0.5)
            y = y * coefficients.reshaped([batch, weight.shape[0], 1, 1])
        }
        if let noise { y = y + noise }
        return y
    }
}
