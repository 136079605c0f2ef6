import GANCore
import GANTensor

/// The `sngan-resnet` model family: `SNGANResNetGenerator` and `SNGANResNetDiscriminator`
/// (Miyato et al., ICLR 2018) for 32×32 images, with the generator's width 4 × and the
/// discriminator's 2 × the `model` section's `width` (so the default width 64 gives the paper's
/// 256 and 128), latents of its `latentDimension`. The models initialise themselves, so the
/// section's `initialization` is not read. The family adds no keys of its own.
public struct SNGANResNetFamily: ModelFamily {
    /// The family's own options: none (it reads the section's standard keys).
    public typealias Options = NoOptions
    /// "sngan-resnet".
    public static let kind = "sngan-resnet"

    /// The family.
    public init() {}
    /// The family; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) {}

    /// The SNGAN-ResNet pair for `request`; a resolution other than 32 is an error naming
    /// `data.resolution`.
    public func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws
        -> (generator: any Generator, discriminator: any Discriminator) {
        let size = request.imageSize
        guard size.height == 32 else {
            throw ConfigurationError.invalidValue(context: "data.resolution", reason: "the sngan-resnet family is built for 32 px, got \(size.height)")
        }
        return (SNGANResNetGenerator(channels: size.channels, latentDimension: request.latentDimension, width: request.width * 4, using: &rng),
                SNGANResNetDiscriminator(channels: size.channels, width: request.width * 2, using: &rng))
    }
}
