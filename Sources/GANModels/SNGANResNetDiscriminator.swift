import GANCore
import GANNN
import GANTensor

/// The ResNet discriminator of SNGAN for 32×32 images (Miyato et al., "Spectral Normalization
/// for Generative Adversarial Networks", ICLR 2018, the CIFAR-10 ResNet of the appendix):
///
///     x [N, channels, 32, 32] → SNGANOptimizedDiscriminatorBlock (→ ndf, 32→16)
///       → SNGANDiscriminatorBlock (downsampling, 16→8) → 2 × SNGANDiscriminatorBlock (8×8)
///       → ReLU → global sum pooling → SN-Linear (ndf → 1)
///
/// with ndf = `width` (128 in the paper). Spectral normalisation (one power iteration per
/// training forward pass) wraps every convolution and the Linear. The Linear is Xavier-uniform
/// with gain 1, as Mimicry's port (kwotsin/mimicry, `ResNetDiscriminator32`), whose parameter
/// names it uses ("block1" … "block4", "l5").
///
/// `blocks` are the four residual blocks, then the head `l5`.
public final class SNGANResNetDiscriminator: Discriminator {
    public let inputSize: ImageSize
    /// The residual blocks, input side first.
    public let residualBlocks: [any Layer]
    /// The spectrally normalised head, ndf → 1.
    public let l5: SpectralNorm<Linear>
    /// The channels of every residual block.
    public let width: Int

    /// A discriminator of `channels`×32×32 images with ndf = `width`.
    public init(channels: Int = 3, width: Int = 128, using rng: inout RandomSource) {
        precondition(channels > 0 && width > 0, "SNGANResNetDiscriminator: channels \(channels) and width \(width) must be positive")
        inputSize = ImageSize(channels: channels, resolution: 32)
        self.width = width
        let first = SNGANOptimizedDiscriminatorBlock(channels, width, using: &rng)
        let second = SNGANDiscriminatorBlock(width, width, downsample: true, using: &rng)
        let third = SNGANDiscriminatorBlock(width, width, downsample: false, using: &rng)
        let fourth = SNGANDiscriminatorBlock(width, width, downsample: false, using: &rng)
        residualBlocks = [first, second, third, fourth]
        l5 = SpectralNorm(Linear(width, 1, weightInitializer: .xavierUniform(), using: &rng), using: &rng)
    }

    public var blocks: [any Module] { residualBlocks + [l5] }

    public var children: [(name: String, module: any Module)] {
        residualBlocks.enumerated().map { ("block\($0.offset + 1)", $0.element as any Module) } + [("l5", l5)]
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        l5(features(x))
    }

    /// The ReLU of the last residual block's output, summed over space, [N, ndf]: what `l5` reads.
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == inputSize.shape,
                     "SNGANResNetDiscriminator: images must be [N, \(inputSize.channels), 32, 32], got \(x.shape)")
        let h = residualBlocks.reduce(x) { $1($0) }
        return h.relu().sum(axes: [2, 3])
    }
}
