import GANNN
import GANTensor

/// The 4×4 end of StyleGAN2's discriminator (stylegan2-ada-pytorch's `DiscriminatorEpilogue`,
/// `training/networks.py`, unconditional):
///
///     x = mbstd(x)                        (group 4, 1 channel: Tensor.minibatchStandardDeviation)
///     x = conv(x)                         (3×3, C + 1 → C, leaky ReLU)
///     f = fc(flatten(x))                  (C·16 → C, leaky ReLU)    — the features
///     D = out(f)                          (C → 1, linear)
///
/// with `EqualizedConv2d`/`EqualizedLinear` layers named as the official ("conv", "fc", "out").
/// The official layer needs min(group, N) to divide the batch N; here a batch it does not divide
/// (an evaluation batch's remainder) uses the largest group size below it that does.
public final class StyleGAN2DiscriminatorEpilogue: Layer {
    /// Channels of the 4×4 input.
    public let channels: Int
    /// Samples per minibatch standard-deviation group.
    public let groupSize: Int
    /// 3×3 convolution after it.
    public let conv: EqualizedConv2d
    /// C·16 → C.
    public let fc: EqualizedLinear
    /// C → 1, the head.
    public let out: EqualizedLinear

    /// An epilogue for [N, `channels`, 4, 4] with the given minibatch-std group size; `activation`
    /// is that of conv and fc (the official leaky ReLU by default).
    public init(channels: Int, groupSize: Int = 4, activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        self.channels = channels
        precondition(channels > 0 && groupSize > 0, "StyleGAN2DiscriminatorEpilogue: channels \(channels) and group size \(groupSize) must be positive")
        self.groupSize = groupSize
        conv = EqualizedConv2d(channels + 1, channels, kernelSize: 3, activation: activation, using: &rng)
        fc = EqualizedLinear(channels * 16, channels, activation: activation, using: &rng)
        out = EqualizedLinear(channels, 1, using: &rng)
    }

    public var children: [(name: String, module: any Module)] { [("conv", conv), ("fc", fc), ("out", out)] }

    /// f [N, C], what `out` reads.
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == [channels, 4, 4],
                     "StyleGAN2DiscriminatorEpilogue: input must be [N, \(channels), 4, 4], got \(x.shape)")
        var group = min(groupSize, x.shape[0])
        while x.shape[0] % group != 0 { group -= 1 }
        return fc(conv(x.minibatchStandardDeviation(groupSize: group, channels: 1)).flattened())
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { out(features(x)) }
}
