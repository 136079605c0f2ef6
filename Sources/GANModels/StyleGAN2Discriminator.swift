import GANCore
import GANNN
import GANTensor

/// The StyleGAN2 discriminator in the residual architecture (Karras et al., "Analyzing and
/// Improving the Image Quality of StyleGAN", CVPR 2020, §4.1; stylegan2-ada-pytorch's
/// `Discriminator` with `architecture='resnet'`, `training/networks.py`, unconditional):
///
///     image [N, C, R, R] → bR (fromrgb, R → R/2) → … → b8 (8 → 4) → b4 (epilogue) → [N, 1]
///
/// block r (`StyleGAN2DiscriminatorBlock`) has `widths.channels(at: r)` channels and gives
/// `widths.channels(at: r/2)`; the epilogue (`StyleGAN2DiscriminatorEpilogue`) has minibatch
/// standard deviation (group `groupSize`, default the official 4), a convolution and two fully
/// connected layers. No normalisation anywhere. `blocks` are bR … b8 and then the epilogue's
/// layers b4.conv, b4.fc and the head b4.out, so Freeze-D freezes the high-resolution blocks
/// first, as the official `freeze_layers`, and the last block is the head that `features` feed.
public final class StyleGAN2Discriminator: Discriminator {
    public let inputSize: ImageSize
    /// bR … b8.
    public let residualBlocks: [StyleGAN2DiscriminatorBlock]
    /// b4.
    public let epilogue: StyleGAN2DiscriminatorEpilogue
    /// The blocks' channel widths.
    public let widths: StyleGAN2ChannelWidths
    /// Every hidden layer's activation.
    public let activation: BiasActivation

    /// A discriminator of `channels`×`resolution`² images (a power of two ≥ 8); `activation` is
    /// every hidden layer's (the official leaky ReLU by default).
    public init(resolution: Int, channels: Int = 3, widths: StyleGAN2ChannelWidths, groupSize: Int = 4,
                activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        precondition(resolution >= 8 && resolution & (resolution - 1) == 0,
                     "StyleGAN2Discriminator: resolution must be a power of two ≥ 8, got \(resolution)")
        inputSize = ImageSize(channels: channels, resolution: resolution)
        (self.widths, self.activation) = (widths, activation)
        var blocks: [StyleGAN2DiscriminatorBlock] = []
        var r = resolution
        while r > 4 {
            blocks.append(StyleGAN2DiscriminatorBlock(channels: widths.channels(at: r), outputChannels: widths.channels(at: r / 2),
                                                      resolution: r, fromImage: r == resolution ? channels : nil, activation: activation, using: &rng))
            r /= 2
        }
        residualBlocks = blocks
        epilogue = StyleGAN2DiscriminatorEpilogue(channels: widths.channels(at: 4), groupSize: groupSize, activation: activation,
                                                  using: &rng)
    }

    public var blocks: [any Module] { residualBlocks + [epilogue.conv, epilogue.fc, epilogue.out] }

    public var children: [(name: String, module: any Module)] {
        residualBlocks.map { ("b\($0.resolution)", $0 as any Module) } + [("b4", epilogue)]
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { epilogue.out(features(x)) }

    /// The epilogue's fc output [N, C4], what the head `out` reads.
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == inputSize.shape,
                     "StyleGAN2Discriminator: images must be [N, \(inputSize.channels), \(inputSize.height), \(inputSize.width)], got \(x.shape)")
        return epilogue.features(residualBlocks.reduce(x) { $1($0) })
    }
}
