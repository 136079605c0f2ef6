import GANNN
import GANTensor

/// One resolution of StyleGAN2's synthesis network in the skip architecture (Karras et al.,
/// CVPR 2020, §4.1 and Fig. 7b; stylegan2-ada-pytorch's `SynthesisBlock` with
/// `architecture='skip'`, `training/networks.py`):
///
///     first block (4×4):  x = const [C, 4, 4] (N(0, 1)) → conv1
///     later blocks:       x → conv0 (up = 2) → conv1
///     image = upsample2d(image, [1, 3, 3, 1]) + torgb(x)
///
/// The block reads `styleCount` w's: one per convolution and one for its ToRGB, which is also the
/// next block's first (the official w indexing).
public final class StyleGAN2SynthesisBlock: Module {
    /// The block's output resolution.
    public let resolution: Int
    /// The learned 4×4 input [C, 4, 4] of the first block ("const"), else nil.
    public let constant: Parameter?
    /// The upsampling convolution of a later block, else nil.
    public let conv0: StyleGAN2SynthesisLayer?
    /// The second (first block: only) convolution.
    public let conv1: StyleGAN2SynthesisLayer
    /// The block's ToRGB.
    public let toRGB: StyleGAN2ToRGBLayer

    /// A block of `resolution` from `inputChannels` (0 for the first block, which starts from the
    /// constant) to `outputChannels`; `activation` is its convolutions'.
    public init(inputChannels: Int, outputChannels: Int, styleDimension: Int, resolution: Int, imageChannels: Int,
                activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        self.resolution = resolution
        if inputChannels == 0 {
            constant = Parameter("const", Tensor.normal([outputChannels, resolution, resolution], using: &rng))
            conv0 = nil
        } else {
            constant = nil
            conv0 = StyleGAN2SynthesisLayer(inputChannels, outputChannels, styleDimension: styleDimension,
                                            resolution: resolution, up: 2, activation: activation, using: &rng)
        }
        conv1 = StyleGAN2SynthesisLayer(outputChannels, outputChannels, styleDimension: styleDimension,
                                        resolution: resolution, activation: activation, using: &rng)
        toRGB = StyleGAN2ToRGBLayer(outputChannels, imageChannels: imageChannels, styleDimension: styleDimension, using: &rng)
    }

    /// The block's convolutions in order.
    public var convolutions: [StyleGAN2SynthesisLayer] { (conv0.map { [$0] } ?? []) + [conv1] }
    /// The w's the block reads: its convolutions' and its ToRGB's.
    public var styleCount: Int { convolutions.count + 1 }

    public var ownParameters: [Parameter] { constant.map { [$0] } ?? [] }
    public var children: [(name: String, module: any Module)] {
        (conv0.map { [("conv0", $0 as any Module)] } ?? []) + [("conv1", conv1), ("torgb", toRGB)]
    }

    /// (features, image) after this block, from the previous block's (nil for the first block);
    /// `styles` are the block's `styleCount` w's [N, w_dim] and `noises` the unscaled random
    /// noise of each convolution (used only in the `.random` mode).
    public func callAsFunction(_ x: Tensor?, image: Tensor?, styles: [Tensor], noiseMode: StyleGAN2NoiseMode,
                               noises: [Tensor?]) -> (features: Tensor, image: Tensor) {
        precondition(styles.count == styleCount && noises.count == convolutions.count,
                     "StyleGAN2SynthesisBlock \(resolution): needs \(styleCount) styles and \(convolutions.count) noises, got \(styles.count) and \(noises.count)")
        let batch = styles[0].shape[0]
        var h: Tensor
        if let constant {
            h = constant.value.reshaped([1] + constant.shape).expand(to: [batch] + constant.shape)
        } else {
            guard let x else { preconditionFailure("StyleGAN2SynthesisBlock \(resolution): a later block needs the previous features") }
            h = x
        }
        for (index, layer) in convolutions.enumerated() {
            h = layer(h, style: styles[index], noiseMode: noiseMode, noise: noises[index])
        }
        let rgb = toRGB(h, style: styles[styles.count - 1])
        return (h, image.map { $0.upsample2d() + rgb } ?? rgb)
    }
}
