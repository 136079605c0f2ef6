import GANCore
import GANNN
import GANTensor

/// The ResNet generator of SNGAN for 32×32 images (Miyato et al., "Spectral Normalization for
/// Generative Adversarial Networks", ICLR 2018, the CIFAR-10 ResNet of the appendix, after
/// Gulrajani et al. 2017):
///
///     z [N, 128] → Linear → [N, ngf, 4, 4] → 3 × SNGANGeneratorBlock (4→8→16→32)
///       → BatchNorm → ReLU → Conv3×3 (ngf → channels) → tanh
///
/// with ngf = `width` (256 in the paper). The generator has no spectral normalisation. The
/// Linear and the last convolution are Xavier-uniform with gain 1, as Mimicry's port
/// (kwotsin/mimicry, `ResNetGenerator32`), whose parameter names it uses ("l1", "block2" …
/// "block4", "b5", "c5"); the blocks upsample by nearest neighbour as the authors' code.
public final class SNGANResNetGenerator: Generator {
    public let latentDimension: Int
    public let outputSize: ImageSize
    /// z → 4·4·ngf features.
    public let l1: Linear
    /// The three upsampling residual blocks.
    public let residualBlocks: [SNGANGeneratorBlock]
    /// BatchNorm before the output convolution.
    public let b5: BatchNorm2d
    /// The output convolution, ngf → channels.
    public let c5: Conv2d

    /// A generator of `channels`×32×32 images from latents of `latentDimension`, ngf = `width`.
    public init(channels: Int = 3, latentDimension: Int = 128, width: Int = 256, using rng: inout RandomSource) {
        precondition(channels > 0 && latentDimension > 0 && width > 0,
                     "SNGANResNetGenerator: channels \(channels), latent dimension \(latentDimension) and width \(width) must be positive")
        self.latentDimension = latentDimension
        outputSize = ImageSize(channels: channels, resolution: 32)
        l1 = Linear(latentDimension, 4 * 4 * width, weightInitializer: .xavierUniform(), using: &rng)
        residualBlocks = (0..<3).map { _ in SNGANGeneratorBlock(width, width, using: &rng) }
        b5 = BatchNorm2d(width)
        c5 = Conv2d(width, channels, kernelSize: 3, padding: 1, weightInitializer: .xavierUniform(), using: &rng)
    }

    /// ngf, the channels of every feature map.
    public var width: Int { b5.channels }

    public var children: [(name: String, module: any Module)] {
        [("l1", l1)] + residualBlocks.enumerated().map { ("block\($0.offset + 2)", $0.element as any Module) }
            + [("b5", b5), ("c5", c5)]
    }

    public func callAsFunction(_ z: Tensor) -> Tensor {
        precondition(z.rank == 2 && z.shape[1] == latentDimension,
                     "SNGANResNetGenerator: latents must be [N, \(latentDimension)], got \(z.shape)")
        let h = residualBlocks.reduce(l1(z).reshaped([z.shape[0], width, 4, 4])) { $1($0) }
        return c5(b5(h).relu()).tanh()
    }
}
