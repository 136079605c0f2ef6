import GANCore
import GANNN
import GANTensor

/// The StyleGAN2 generator (Karras et al., "Analyzing and Improving the Image Quality of
/// StyleGAN", CVPR 2020; config F with the skip generator of §4.1, as stylegan2-ada-pytorch's
/// `Generator`, `training/networks.py`):
///
///     w = mapping(z)                                  (StyleGAN2MappingNetwork)
///     ws = [w, …, w] (num_ws copies), mixed while training
///     image = synthesis(ws)                           (StyleGAN2SynthesisNetwork, skip architecture)
///
/// In training mode (`train()`, the default) a call `G(z)` does what the official loss's `run_G`
/// does: it updates w_avg, applies style mixing with probability `styleMixingProbability`
/// (Karras et al. 2019, §3.1; cutoff uniform in [1, num_ws), the w's from the cutoff on come
/// from a second latent drawn from N(0, 1)) and adds fresh per-pixel noise. The draws for the
/// mixing and the noise come from a `RandomSource` seeded with a hash of z's bits, so G is a
/// function of its z alone: a checkpoint needs no random state of the generator and a resumed
/// run continues exactly. In evaluation mode (`eval()`, the pipeline's samples and metrics)
/// G(z) neither mixes nor updates w_avg and uses each layer's constant noise (the official
/// sample grids' `noise_mode='const'`), so the same z gives the same image; `truncationPsi`
/// then applies (1, none, by default). `generate(_:…)` gives every choice explicitly.
///
/// The outputs are not squashed: like the official generator's, they are linear ToRGB sums that
/// the discriminator learns to keep in the data's [−1, 1] range.
public final class StyleGAN2Generator: IntermediateLatentGenerator {
    public let latentDimension: Int
    public let outputSize: ImageSize
    /// z → w.
    public let mapping: StyleGAN2MappingNetwork
    /// ws → image.
    public let synthesis: StyleGAN2SynthesisNetwork
    /// The probability of style mixing in training mode.
    public let styleMixingProbability: Float
    /// The synthesis network's channel widths.
    public let widths: StyleGAN2ChannelWidths
    /// Every hidden layer's activation.
    public let activation: BiasActivation
    /// ψ of the truncation trick in evaluation mode (1: none).
    public var truncationPsi: Float = 1
    /// Whether `callAsFunction` behaves as in training (see the type's comment).
    public private(set) var isTraining = true

    /// A generator of `channels`×`resolution`² images (a power of two ≥ 4) from latents of
    /// `latentDimension`, with w of the same length (the official z_dim = w_dim), `mappingLayers`
    /// mapping layers and the given channel widths; `activation` is every hidden layer's (the
    /// official leaky ReLU; the tests use `.linear` for a smooth G that finite differences can
    /// check).
    public init(resolution: Int, channels: Int = 3, latentDimension: Int = 128, widths: StyleGAN2ChannelWidths,
                mappingLayers: Int = 8, styleMixingProbability: Float = 0.9, activation: BiasActivation = .leakyReLU,
                using rng: inout RandomSource) {
        precondition((0...1).contains(styleMixingProbability),
                     "StyleGAN2Generator: style mixing probability must be in [0, 1], got \(styleMixingProbability)")
        self.latentDimension = latentDimension
        outputSize = ImageSize(channels: channels, resolution: resolution)
        synthesis = StyleGAN2SynthesisNetwork(resolution: resolution, imageChannels: channels, styleDimension: latentDimension,
                                              widths: widths, activation: activation, using: &rng)
        mapping = StyleGAN2MappingNetwork(latentDimension: latentDimension, styleDimension: latentDimension,
                                          layerCount: mappingLayers, activation: activation, using: &rng)
        self.styleMixingProbability = styleMixingProbability
        (self.widths, self.activation) = (widths, activation)
    }

    public var children: [(name: String, module: any Module)] { [("synthesis", synthesis), ("mapping", mapping)] }
    public func setTrainingMode(_ training: Bool) { isTraining = training }

    /// G(z) in the current mode (see the type's comment).
    public func callAsFunction(_ z: Tensor) -> Tensor {
        modeDependentCall(z, exposingLatents: false).images
    }

    /// G(z) in the current mode, as `callAsFunction` (same draws, same image), and the ws
    /// [N, num_ws, w_dim] it was synthesised from, after truncation and mixing: the official
    /// loss's `run_G`, which returns `img, ws`. Each layer's style is a slice of ws, so the
    /// gradient with respect to ws has one row per layer.
    public func imagesAndIntermediateLatents(_ z: Tensor) -> (images: Tensor, latents: Tensor) {
        let (images, latents) = modeDependentCall(z, exposingLatents: true)
        return (images, latents!)
    }

    private func modeDependentCall(_ z: Tensor, exposingLatents: Bool) -> (images: Tensor, latents: Tensor?) {
        if isTraining {
            var rng = RandomSource(seed: Self.seed(of: z))
            return run(z, truncationPsi: 1, styleMixingProbability: styleMixingProbability, noiseMode: .random,
                       updateAverage: true, exposingLatents: exposingLatents, using: &rng)
        }
        var unused = RandomSource(seed: 0)
        return run(z, truncationPsi: truncationPsi, styleMixingProbability: 0, noiseMode: .constant,
                   updateAverage: false, exposingLatents: exposingLatents, using: &unused)
    }

    /// The image for z [N, latentDimension] with every choice explicit: truncation ψ, style
    /// mixing with the given probability, noise mode, whether w_avg moves towards this batch's
    /// mean (before truncation and mixing, as the official mapping). The draws from `rng`, in
    /// order: the mixing cutoff and the uniform that decides it, then the second latent
    /// (only when it mixes), then the noise (only for `.random`).
    public func generate<R: RandomDrawing>(_ z: Tensor, truncationPsi: Float = 1, styleMixingProbability: Float = 0,
                                           noiseMode: StyleGAN2NoiseMode, updateAverage: Bool = false,
                                           using rng: inout R) -> Tensor {
        run(z, truncationPsi: truncationPsi, styleMixingProbability: styleMixingProbability, noiseMode: noiseMode,
            updateAverage: updateAverage, exposingLatents: false, using: &rng).images
    }

    /// `generate`, and when `exposingLatents` the styles stacked into ws [N, num_ws, w_dim] and
    /// fed to the synthesis network as slices of it (the same values, so the same image).
    private func run<R: RandomDrawing>(_ z: Tensor, truncationPsi: Float, styleMixingProbability: Float,
                                       noiseMode: StyleGAN2NoiseMode, updateAverage: Bool, exposingLatents: Bool,
                                       using rng: inout R) -> (images: Tensor, latents: Tensor?) {
        let w = mapping(z)
        if updateAverage { mapping.updateAverage(with: w) }
        let count = synthesis.styleCount
        var styles = [Tensor](repeating: truncationPsi == 1 ? w : mapping.truncated(w, psi: truncationPsi), count: count)
        if styleMixingProbability > 0 && count > 1 {
            let cutoff = rng.integer(in: 1..<count)
            if rng.uniform() < styleMixingProbability {
                let other = Tensor.make(z.shape) { out in for i in out.indices { out[i] = rng.normal() } }
                let mixed = mapping(other, truncationPsi: truncationPsi)
                for index in cutoff..<count { styles[index] = mixed }
            }
        }
        guard exposingLatents else { return (synthesis(styles: styles, noiseMode: noiseMode, using: &rng), nil) }
        let ws = Tensor.stack(styles, axis: 1)
        let slices = (0..<count).map { ws.slice(axis: 1, range: $0..<($0 + 1)).reshaped([z.shape[0], w.shape[1]]) }
        return (synthesis(styles: slices, noiseMode: noiseMode, using: &rng), ws)
    }

    /// A 64-bit FNV-1a hash of z's shape and float bits: the seed of a training-mode call's draws.
    static func seed(of z: Tensor) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) {
            for byte in 0..<8 {
                hash ^= (value >> (8 * UInt64(byte))) & 0xFF
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        for extent in z.shape { mix(UInt64(extent)) }
        z.withUnsafeBufferPointer { for v in $0 { mix(UInt64(v.bitPattern)) } }
        return hash
    }
}
