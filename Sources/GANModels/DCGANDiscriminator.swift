import GANCore
import GANNN
import GANTensor

/// The DCGAN discriminator (Radford, Metz & Chintala, ICLR 2016) for 32×32 and 64×64 images,
/// without normalisation layers (so gradient penalties such as R1 see a per-sample function).
///
/// x [N, channels, R, R] → down-blocks (Conv2d kernel 4, stride 2, padding 1, each halving H
/// and W, then LeakyReLU(0.2)) → flatten → `fc` Linear to one logit [N, 1]. With ndf = `width`
/// the channels go `channels` → ndf → 2·ndf → 4·ndf at 32 px (three down-blocks, 32→4) and on
/// to 8·ndf at 64 px (four down-blocks, 64→4); `fc` reads the 4×4 map.
///
/// At 32 px with the defaults this is exactly `D` of `scripts/torch_dcgan_bench.py`, down
/// to the parameter names ("net.0.weight" … "fc.weight"), shapes and count.
///
/// `blocks` are, from the input: each (Conv2d, LeakyReLU) pair, then `fc`. They are views of the
/// layers in `net` (no extra name level), so Freeze-D can freeze a prefix of them.
public final class DCGANDiscriminator: Discriminator {
    public let inputSize: ImageSize
    /// The down-blocks: (Conv2d, LeakyReLU) repeated.
    public let net: Sequential
    /// The head, 4·4·c → 1.
    public let fc: Linear
    public let blocks: [any Module]
    /// ndf, the channels of the first down-block.
    public let width: Int
    /// The LeakyReLU slope.
    public let slope: Float
    /// The LeakyReLU slope by default and in the `dcgan` family: 0.2 (Radford et al. 2016).
    public static let defaultSlope: Float = 0.2
    /// How the weights were initialised.
    public let initialization: DCGANInitialization

    /// A discriminator of `channels`×`resolution`×`resolution` images (`resolution` 32 or 64)
    /// with ndf = `width` and LeakyReLU slope `slope`, initialised by `initialization`.
    public init(resolution: Int = 32, channels: Int = 3, width: Int = 64, slope: Float = DCGANDiscriminator.defaultSlope,
                initialization: DCGANInitialization = .pytorchDefault, using rng: inout RandomSource) {
        precondition(resolution == 32 || resolution == 64, "DCGANDiscriminator: resolution must be 32 or 64, got \(resolution)")
        precondition(channels > 0 && width > 0, "DCGANDiscriminator: channels \(channels) and width \(width) must be positive")
        let downBlocks = resolution == 32 ? 3 : 4
        inputSize = ImageSize(channels: channels, resolution: resolution)
        (self.width, self.slope, self.initialization) = (width, slope, initialization)
        var layers: [any Layer] = []
        var blocks: [any Module] = []
        var inputChannels = channels
        for block in 0..<downBlocks {
            let outputChannels = width << block
            let conv = Conv2d(inputChannels, outputChannels, kernelSize: 4, stride: 2, padding: 1,
                              weightInitializer: initialization.weights, biasInitializer: initialization.biases, using: &rng)
            let activation = LeakyReLU(slope: slope)
            layers += [conv, activation]
            blocks.append(Sequential([conv, activation]))
            inputChannels = outputChannels
        }
        net = Sequential(layers)
        fc = Linear(4 * 4 * inputChannels, 1, weightInitializer: initialization.weights,
                    biasInitializer: initialization.biases, using: &rng)
        self.blocks = blocks + [fc]
    }

    public var children: [(name: String, module: any Module)] { [("net", net), ("fc", fc)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        fc(features(x))
    }

    /// The flattened output of the last down-block, [N, 4·4·c]: what `fc` reads.
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == inputSize.shape,
                     "DCGANDiscriminator: images must be [N, \(inputSize.channels), \(inputSize.height), \(inputSize.width)], got \(x.shape)")
        return net(x).flattened()
    }
}
