import GANNN
import GANTensor

/// One resolution of StyleGAN2's residual discriminator (Karras et al., CVPR 2020, §4.1 and
/// Fig. 7c; stylegan2-ada-pytorch's `DiscriminatorBlock` with `architecture='resnet'`,
/// `training/networks.py`):
///
///     first block only:  x = fromrgb(image)                          (1×1, leaky ReLU)
///     y = skip(x) · √0.5                                            (1×1, down 2, no bias, linear)
///     x = conv1(conv0(x)) with conv1's gain · √0.5                   (3×3; conv1 down 2; leaky ReLU)
///     output = y + x
///
/// every layer an `EqualizedConv2d`, downsampling with the [1, 3, 3, 1] FIR filter; the √0.5
/// keeps the sum's variance that of each branch. No normalisation. `activation` is the official
/// `activation` argument (leaky ReLU; the tests use `.linear` to make the block smooth for
/// finite differences).
public final class StyleGAN2DiscriminatorBlock: Layer {
    /// The block's input resolution.
    public let resolution: Int
    /// The first block's FromRGB, else nil.
    public let fromRGB: EqualizedConv2d?
    /// 3×3, tmp → tmp.
    public let conv0: EqualizedConv2d
    /// 3×3 with down = 2, tmp → out.
    public let conv1: EqualizedConv2d
    /// 1×1 with down = 2, tmp → out, no bias.
    public let skip: EqualizedConv2d

    /// A block reading `resolution`² maps of `channels` (the image's `imageChannels` for the first
    /// block, `fromImage`) and giving `outputChannels` maps of half the resolution.
    public init(channels: Int, outputChannels: Int, resolution: Int, fromImage imageChannels: Int?,
                activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        self.resolution = resolution
        fromRGB = imageChannels.map { EqualizedConv2d($0, channels, kernelSize: 1, activation: activation, using: &rng) }
        conv0 = EqualizedConv2d(channels, channels, kernelSize: 3, activation: activation, using: &rng)
        conv1 = EqualizedConv2d(channels, outputChannels, kernelSize: 3, activation: activation, down: 2, using: &rng)
        skip = EqualizedConv2d(channels, outputChannels, kernelSize: 1, bias: false, down: 2, using: &rng)
    }

    public var children: [(name: String, module: any Module)] {
        (fromRGB.map { [("fromrgb", $0 as any Module)] } ?? []) + [("conv0", conv0), ("conv1", conv1), ("skip", skip)]
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let x = fromRGB.map { $0(input) } ?? input
        let gain = Float(0.5).squareRoot()
        return skip(x, gain: gain) + conv1(conv0(x), gain: gain)
    }
}
