import GANCore
import GANTensor

/// The `dcgan` model family: `DCGANGenerator` and `DCGANDiscriminator` (Radford, Metz & Chintala,
/// ICLR 2016) for 32×32 or 64×64 images, with ngf = ndf = the `model` section's `width`, latents
/// of its `latentDimension` and the weight initialisation its `initialization` names
/// (`DCGANInitialization`: "dcgan" or "pytorchDefault"). The family adds no keys of its own.
public struct DCGANFamily: ModelFamily {
    /// The family's own options: none (it reads the section's standard keys).
    public typealias Options = NoOptions
    /// "dcgan".
    public static let kind = "dcgan"

    /// The family.
    public init() {}
    /// The family; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) {}

    /// The DCGAN pair for `request`; a resolution other than 32 or 64 is an error naming
    /// `data.resolution`, an unknown initialisation one naming `model.initialization`.
    public func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws
        -> (generator: any Generator, discriminator: any Discriminator) {
        let size = request.imageSize
        guard size.height == 32 || size.height == 64 else {
            throw ConfigurationError.invalidValue(context: "data.resolution", reason: "the dcgan family is built for 32 or 64 px, got \(size.height)")
        }
        guard let initialization = DCGANInitialization(rawValue: request.initialization) else {
            throw ConfigurationError.unknownKind(context: "model.initialization", kind: request.initialization,
                                                 known: DCGANInitialization.allCases.map(\.rawValue))
        }
        return (DCGANGenerator(resolution: size.height, channels: size.channels, latentDimension: request.latentDimension,
                               width: request.width, initialization: initialization, using: &rng),
                DCGANDiscriminator(resolution: size.height, channels: size.channels, width: request.width,
                                   initialization: initialization, using: &rng))
    }
}
