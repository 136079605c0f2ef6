import GANNN
import GANTensor

/// StyleGAN2's ToRGB (stylegan2-ada-pytorch's `ToRGBLayer`, `training/networks.py`): a
/// modulated 1×1 convolution without demodulation,
///
///     s = affine(w) / √(in·k²),   y = modulated_conv2d(x, W, s, demodulate = false) + b,
///
/// with W [channels, in, 1, 1] ~ N(0, 1), the affine's bias initialised to 1 and no activation.
public final class StyleGAN2ToRGBLayer: Module {
    /// w → styles [N, in].
    public let affine: EqualizedLinear
    /// [channels, in, 1, 1].
    public let weight: Parameter
    /// [channels].
    public let bias: Parameter

    /// A ToRGB from `inputChannels` features to `imageChannels` colour channels.
    public init(_ inputChannels: Int, imageChannels: Int, styleDimension: Int, using rng: inout RandomSource) {
        affine = EqualizedLinear(styleDimension, inputChannels, biasInitial: 1, using: &rng)
        weight = Parameter("weight", Tensor.normal([imageChannels, inputChannels, 1, 1], using: &rng))
        bias = Parameter("bias", Tensor.zeros([imageChannels]))
    }

    public var ownParameters: [Parameter] { [weight, bias] }
    public var children: [(name: String, module: any Module)] { [("affine", affine)] }

    /// The colour contribution [N, channels, H, W] of x [N, in, H, W] styled by w [N, w_dim].
    public func callAsFunction(_ x: Tensor, style w: Tensor) -> Tensor {
        let styles = affine(w) * (1 / Float(weight.shape[1]).squareRoot())
        let y = Tensor.modulatedConv2d(x, weight: weight.value, styles: styles, demodulate: false)
        return BiasActivation.linear.apply(y, bias: bias.value, gain: 1)
    }
}
