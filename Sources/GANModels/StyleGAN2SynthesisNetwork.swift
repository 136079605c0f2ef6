import GANCore
import GANNN
import GANTensor

/// StyleGAN2's synthesis network in the skip architecture (stylegan2-ada-pytorch's
/// `SynthesisNetwork`, `training/networks.py`): blocks "b4", "b8", … up to the image resolution,
/// block r with `widths.channels(at: r)` channels, reading 2·log2(r/2) w's in all (each block one
/// per convolution, plus the last ToRGB's).
public final class StyleGAN2SynthesisNetwork: Module {
    /// The blocks, 4×4 first.
    public let blocks: [StyleGAN2SynthesisBlock]
    /// The size of the images it makes.
    public let outputSize: ImageSize

    /// A network making `imageChannels`×`resolution`² images (resolution a power of two ≥ 4)
    /// from w's of `styleDimension`; `activation` is every convolution's.
    public init(resolution: Int, imageChannels: Int, styleDimension: Int, widths: StyleGAN2ChannelWidths,
                activation: BiasActivation = .leakyReLU, using rng: inout RandomSource) {
        precondition(resolution >= 4 && resolution & (resolution - 1) == 0,
                     "StyleGAN2SynthesisNetwork: resolution must be a power of two ≥ 4, got \(resolution)")
        var blocks: [StyleGAN2SynthesisBlock] = []
        var r = 4
        while r <= resolution {
            blocks.append(StyleGAN2SynthesisBlock(inputChannels: r == 4 ? 0 : widths.channels(at: r / 2),
                                                  outputChannels: widths.channels(at: r), styleDimension: styleDimension,
                                                  resolution: r, imageChannels: imageChannels, activation: activation, using: &rng))
            r *= 2
        }
        self.blocks = blocks
        outputSize = ImageSize(channels: imageChannels, resolution: resolution)
    }

    /// The number of w's a forward pass reads (the official `num_ws`).
    public var styleCount: Int { blocks.reduce(0) { $0 + $1.convolutions.count } + 1 }

    public var children: [(name: String, module: any Module)] {
        blocks.map { ("b\($0.resolution)", $0 as any Module) }
    }

    /// The image for `styles` (`styleCount` w's [N, w_dim]) with noise per `noiseMode`; random
    /// noise is drawn from `rng`, block by block and layer by layer, each [N, 1, r, r] in
    /// row-major order.
    public func callAsFunction<R: RandomDrawing>(styles: [Tensor], noiseMode: StyleGAN2NoiseMode, using rng: inout R) -> Tensor {
        precondition(styles.count == styleCount, "StyleGAN2SynthesisNetwork: needs \(styleCount) styles, got \(styles.count)")
        let batch = styles[0].shape[0]
        var x: Tensor?, image: Tensor?
        var index = 0
        for block in blocks {
            let noises: [Tensor?] = block.convolutions.map { layer in
                guard noiseMode == .random else { return nil }
                return Tensor.make([batch, 1, layer.resolution, layer.resolution]) { out in
                    for i in out.indices { out[i] = rng.normal() }
                }
            }
            let (features, rgb) = block(x, image: image, styles: Array(styles[index..<(index + block.styleCount)]),
                                        noiseMode: noiseMode, noises: noises)
            (x, image) = (features, rgb)
            index += block.convolutions.count
        }
        return image!
    }
}
