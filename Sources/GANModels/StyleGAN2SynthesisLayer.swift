import GANNN
import GANTensor

/// One convolution of StyleGAN2's synthesis network (Karras et al., "Analyzing and Improving the
/// Image Quality of StyleGAN", CVPR 2020, §2.2; stylegan2-ada-pytorch's `SynthesisLayer`,
/// `training/networks.py`):
///
///     s = affine(w)                                   (EqualizedLinear, bias initialised to 1)
///     y = modulated_conv2d(x, W, s, demodulate, up)   (Tensor.modulatedConv2d)
///     y = lrelu(y + strength · noise + b) · √2
///
/// W [out, in, k, k] is N(0, 1) and used unscaled (demodulation makes its scale irrelevant, as in
/// the official layer); `up = 2` is the transposed convolution followed by the [1, 3, 3, 1] FIR
/// filter. The noise is one value per pixel shared by the channels, scaled by a learned
/// strength initialised to 0 (`NoiseInput`). Names follow the official module: "weight",
/// "bias", "affine.*", "noise_strength", "noise_const".
public final class StyleGAN2SynthesisLayer: Module {
    /// w → styles s [N, in].
    public let affine: EqualizedLinear
    /// [out, in, k, k].
    public let weight: Parameter
    /// [out].
    public let bias: Parameter
    /// The per-pixel noise and its strength.
    public let noise: NoiseInput
    /// Upsampling factor: 2 for a block's first layer, else 1.
    public let up: Int
    /// The resolution of the layer's output.
    public let resolution: Int

    /// The activation after the bias (the official leaky ReLU by default), with its default gain.
    public let activation: BiasActivation

    /// A layer from `inputChannels` to `outputChannels` whose output is `resolution` pixels
    /// square, styled by w of `styleDimension`.
    public init(_ inputChannels: Int, _ outputChannels: Int, styleDimension: Int, resolution: Int, kernelSize: Int = 3,
                up: Int = 1, activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        precondition(up == 1 || up == 2, "StyleGAN2SynthesisLayer: up must be 1 or 2, got \(up)")
        affine = EqualizedLinear(styleDimension, inputChannels, biasInitial: 1, using: &rng)
        weight = Parameter("weight", Tensor.normal([outputChannels, inputChannels, kernelSize, kernelSize], using: &rng))
        noise = NoiseInput(resolution: resolution, using: &rng)
        bias = Parameter("bias", Tensor.zeros([outputChannels]))
        self.up = up
        self.resolution = resolution
        self.activation = activation
    }

    /// Number of input channels.
    public var inputChannels: Int { weight.shape[1] }
    /// Number of output channels.
    public var outputChannels: Int { weight.shape[0] }

    public var ownParameters: [Parameter] { [weight, bias] }
    public var children: [(name: String, module: any Module)] { [("affine", affine), ("", noise)] }

    /// The layer's output for x [N, in, r/up, r/up] and w [N, w_dim]; `noise` [N, 1, r, r] is the
    /// unscaled random noise for `.random` (ignored otherwise).
    public func callAsFunction(_ x: Tensor, style w: Tensor, noiseMode: StyleGAN2NoiseMode, noise drawn: Tensor?) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == inputChannels && x.shape[2] * up == resolution,
                     "StyleGAN2SynthesisLayer: input \(x.shape) must be [N, \(inputChannels), \(resolution / up), \(resolution / up)]")
        var y = Tensor.modulatedConv2d(x, weight: weight.value, styles: affine(w), up: up, padding: weight.shape[2] / 2,
                                       demodulate: true, flipWeight: up == 1)
        switch noiseMode {
        case .random:
            guard let drawn else { preconditionFailure("StyleGAN2SynthesisLayer: random noise mode needs the drawn noise") }
            y = noise(y, noise: drawn)
        case .constant: y = noise.constant(y)
        case .none: break
        }
        return activation.apply(y, bias: bias.value, gain: activation.defaultGain)
    }
}
