import GANCore
import GANTensor

/// The `stylegan2` model family: `StyleGAN2Generator` (mapping network, constant input, style
/// mixing, skip architecture) and `StyleGAN2Discriminator` (residual, minibatch standard
/// deviation, no normalisation) of Karras et al., "Analyzing and Improving the Image Quality of
/// StyleGAN" (CVPR 2020), as stylegan2-ada-pytorch builds them, for 32×32 or 64×64 images.
///
/// The section's `latentDimension` is both z_dim and w_dim (the official configurations set both
/// to 512); `width` and `initialization` are not read (the layers initialise themselves as the
/// official ones), and a value other than their default is an error (`ignoredStandardKeys`).
/// The family's own keys, with their defaults:
///
/// - `mappingLayers` (2): the official `cifar` configuration's `map=2` (8 in the others).
/// - `channelBase` (1024) and `channelMax` (128): channels(res) = min(channelBase / res,
///   channelMax) (`StyleGAN2ChannelWidths`). The official 32768 and 512 give 512 channels at
///   every resolution up to 64 px, about 100 × the work of these; 1024 and 128 give 128 channels
///   at 4 and 8 px, 64 at 16, 32 at 32 and 16 at 64 px, chosen so that a 32-px training step at
///   batch 64 costs what an SNGAN-32 step of width 16 does on this project's 2-core CPU
///   (measured side by side; channelBase 2048 costs 2.4 × as much: docs/stylegan2.md).
/// - `styleMixingProbability` (0.9): the official `train.py`'s `style_mixing_prob` (its `cifar`
///   configuration turns mixing off with 0).
/// - `minibatchGroupSize` (4): the official `mbstd_group_size` when the batch allows it
///   (`train.py` caps it at 4); min(it, batch size) must divide the batch size.
public struct StyleGAN2Family: ModelFamily {
    /// The family's own options and their defaults (the type's comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// Fully connected layers of the mapping network.
        public var mappingLayers = 2
        /// channel_base of the width formula.
        public var channelBase = 1024
        /// channel_max of the width formula.
        public var channelMax = 128
        /// The probability that a training-mode generator call mixes two latents' styles.
        public var styleMixingProbability: Float = 0.9
        /// Samples per group of the discriminator's minibatch standard deviation.
        public var minibatchGroupSize = 4

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable {
            case mappingLayers, channelBase, channelMax, styleMixingProbability, minibatchGroupSize
        }
        /// "mappingLayers", "channelBase", "channelMax", "styleMixingProbability", "minibatchGroupSize".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// "stylegan2".
    public static let kind = "stylegan2"

    /// The image resolutions the family builds networks for.
    public static let resolutions = [32, 64]

    /// The options the family builds with.
    public let options: Options

    /// The family with `options` (the defaults unless given).
    public init(options: Options = Options()) throws {
        _ = try ConfigurationCheck.positive(options.mappingLayers, "model.mappingLayers")
        _ = try ConfigurationCheck.positive(options.channelBase, "model.channelBase")
        _ = try ConfigurationCheck.positive(options.channelMax, "model.channelMax")
        _ = try ConfigurationCheck.positive(options.minibatchGroupSize, "model.minibatchGroupSize")
        guard (0...1).contains(options.styleMixingProbability) else {
            throw ConfigurationError.invalidValue(context: "model.styleMixingProbability",
                                                  reason: "must be a probability in [0, 1], got \(options.styleMixingProbability)")
        }
        self.options = options
    }

    /// The family with `options`, checked as `init(options:)` does and against the batch size:
    /// min(minibatchGroupSize, batch) must divide the batch.
    public init(options: Options, context: ComponentBuildContext) throws {
        try self.init(options: options)
        let group = min(options.minibatchGroupSize, context.batchSize)
        guard context.batchSize > 0, context.batchSize % group == 0 else {
            throw ConfigurationError.invalidValue(context: "model.minibatchGroupSize", reason:
                "the minibatch standard-deviation groups of \(group) must divide the batch size \(context.batchSize)")
        }
    }

    /// Its widths come from `channelBase` and `channelMax`, and its layers initialise themselves.
    public static var ignoredStandardKeys: Set<String> { ["width", "initialization"] }

    /// The channel widths the options give.
    public var widths: StyleGAN2ChannelWidths { StyleGAN2ChannelWidths(base: options.channelBase, maximum: options.channelMax) }

    /// A lower bound on the pair's size from the layers every StyleGAN2 pair has: the mapping
    /// network's `mappingLayers` fully connected layers of latentDimension² weights, the
    /// synthesis network's 3×3 convolution at 4 px (9·c(4)² weights), the discriminator
    /// epilogue's 3×3 convolution (9·c(4)²) and fully connected layer (16·c(4)²); per image, the
    /// latent, the last synthesis block's c(res)·res² features and the pixels. Its weights are
    /// blamed on `channelMax` or `channelBase` (whichever sets c(4)) or on `latentDimension` or
    /// `mappingLayers` (the larger), whichever term is larger.
    public func sizeLowerBound(for request: ModelRequest) -> ModelSizeBound? {
        let latent = Double(request.latentDimension), layers = Double(options.mappingLayers)
        let c4 = Double(widths.channels(at: 4)), resolution = Double(request.imageSize.height)
        let mapping = layers * latent * latent, convolutions = (9 + 9 + 16) * c4 * c4
        let perImage = latent + Double(widths.channels(at: request.imageSize.height)) * resolution * resolution
            + Double(request.imageSize.channels) * resolution * resolution
        let (key, value) = convolutions >= mapping
            ? (options.channelMax <= options.channelBase / 4 ? ("model.channelMax", options.channelMax) : ("model.channelBase", options.channelBase))
            : (options.mappingLayers > request.latentDimension ? ("model.mappingLayers", options.mappingLayers)
                                                               : ("model.latentDimension", request.latentDimension))
        return ModelSizeBound(weights: mapping + convolutions, valuesPerImage: perImage, weightKey: key, weightValue: value)
    }

    /// The StyleGAN2 pair for `request`; a resolution other than 32 or 64 is an error naming
    /// `data.resolution`, non-square images one naming `data`.
    public func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws
        -> (generator: any Generator, discriminator: any Discriminator) {
        let size = request.imageSize
        guard size.height == size.width, Self.resolutions.contains(size.height) else {
            throw ConfigurationError.invalidValue(context: "data.resolution", reason: "the stylegan2 family is built for 32 or 64 px square images, got \(size)")
        }
        guard request.latentDimension > 0 else {
            throw ConfigurationError.invalidValue(context: "model.latentDimension", reason: "must be positive, got \(request.latentDimension)")
        }
        let generator = StyleGAN2Generator(resolution: size.height, channels: size.channels, latentDimension: request.latentDimension,
                                           widths: widths, mappingLayers: options.mappingLayers,
                                           styleMixingProbability: options.styleMixingProbability, using: &rng)
        let discriminator = StyleGAN2Discriminator(resolution: size.height, channels: size.channels, widths: widths,
                                                   groupSize: options.minibatchGroupSize, using: &rng)
        return (generator, discriminator)
    }
}
