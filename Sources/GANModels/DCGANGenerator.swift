import GANCore
import GANNN
import GANTensor

/// The DCGAN generator (Radford, Metz & Chintala, "Unsupervised Representation Learning with
/// Deep Convolutional Generative Adversarial Networks", ICLR 2016) for 32×32 and 64×64 images.
///
/// z [N, latentDimension] → `fc` Linear to 4·4·c₀ → view [N, c₀, 4, 4] → `bn0` BatchNorm → ReLU
/// → up-blocks (ConvTranspose2d kernel 4, stride 2, padding 1, each doubling H and W) with
/// BatchNorm and ReLU between them → tanh, images in [−1, 1]. With ngf = `width`, the channels
/// halve from c₀ = 4·ngf at 32 px (three up-blocks 4→8→16→32) or c₀ = 8·ngf at 64 px (four
/// up-blocks 4→…→64) down to ngf, and the last up-block maps ngf to `channels`.
///
/// At 32 px with the defaults this is exactly `G` of `scripts/torch_dcgan_bench.py`, the
/// PyTorch model GANKit's speed is measured against, down to the parameter names ("fc.weight",
/// "bn0.weight", "net.0.weight" …), shapes and count.
public final class DCGANGenerator: Generator {
    public let latentDimension: Int
    public let outputSize: ImageSize
    /// z → 4·4·c₀ features.
    public let fc: Linear
    /// BatchNorm of the 4×4 feature map.
    public let bn0: BatchNorm2d
    /// The up-blocks: (ConvTranspose2d, BatchNorm2d, ReLU) repeated, then ConvTranspose2d, Tanh.
    public let net: Sequential
    /// c₀, the channels of the 4×4 feature map.
    public let baseChannels: Int
    /// ngf, the channels of the last hidden feature map.
    public let width: Int
    /// How the weights were initialised.
    public let initialization: DCGANInitialization

    /// A generator of `channels`×`resolution`×`resolution` images (`resolution` 32 or 64) from
    /// latents of `latentDimension`, with ngf = `width`, initialised by `initialization`.
    public init(resolution: Int = 32, channels: Int = 3, latentDimension: Int = 128, width: Int = 64,
                initialization: DCGANInitialization = .pytorchDefault, using rng: inout RandomSource) {
        precondition(resolution == 32 || resolution == 64, "DCGANGenerator: resolution must be 32 or 64, got \(resolution)")
        precondition(channels > 0 && latentDimension > 0 && width > 0,
                     "DCGANGenerator: channels \(channels), latent dimension \(latentDimension) and width \(width) must be positive")
        let upBlocks = resolution == 32 ? 3 : 4
        self.latentDimension = latentDimension
        self.outputSize = ImageSize(channels: channels, resolution: resolution)
        self.baseChannels = width << (upBlocks - 1)
        self.width = width
        self.initialization = initialization
        fc = Linear(latentDimension, 4 * 4 * baseChannels, weightInitializer: initialization.weights,
                    biasInitializer: initialization.biases, using: &rng)
        bn0 = initialization.batchNorm(baseChannels, using: &rng)
        var layers: [any Layer] = []
        var inputChannels = baseChannels
        for block in 0..<upBlocks {
            let isLast = block == upBlocks - 1
            let outputChannels = isLast ? channels : inputChannels / 2
            layers.append(ConvTranspose2d(inputChannels, outputChannels, kernelSize: 4, stride: 2, padding: 1,
                                          weightInitializer: initialization.weights, biasInitializer: initialization.biases,
                                          using: &rng))
            layers += isLast ? [Tanh()] : [initialization.batchNorm(outputChannels, using: &rng), ReLU()]
            inputChannels = outputChannels
        }
        net = Sequential(layers)
    }

    public var children: [(name: String, module: any Module)] { [("fc", fc), ("bn0", bn0), ("net", net)] }

    public func callAsFunction(_ z: Tensor) -> Tensor {
        precondition(z.rank == 2 && z.shape[1] == latentDimension,
                     "DCGANGenerator: latents must be [N, \(latentDimension)], got \(z.shape)")
        let h = fc(z).reshaped([z.shape[0], baseChannels, 4, 4])
        return net(bn0(h).relu())
    }
}
