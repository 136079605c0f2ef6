import GANKit

/// A model family of the tests' own: the DCGAN pair with the discriminator `discriminatorScale`
/// times as wide as the generator. Registered by a test, it stands for a user's model family.
struct ScaledDCGANFamily: ModelFamily {
    struct Options: ComponentOptions, Equatable {
        var discriminatorScale = 2
        static let knownKeys: Set<String> = ["discriminatorScale"]
    }
    static let kind = "scaled-dcgan"

    let discriminatorScale: Int

    init(discriminatorScale: Int = Options().discriminatorScale) { self.discriminatorScale = discriminatorScale }

    init(options: Options, context: ComponentBuildContext) throws {
        self.init(discriminatorScale: try ConfigurationCheck.positive(options.discriminatorScale, "model scaled-dcgan.discriminatorScale"))
    }

    func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws -> (generator: any Generator, discriminator: any Discriminator) {
        let size = request.imageSize
        return (DCGANGenerator(resolution: size.height, channels: size.channels, latentDimension: request.latentDimension,
                               width: request.width, using: &rng),
                DCGANDiscriminator(resolution: size.height, channels: size.channels, width: request.width * discriminatorScale, using: &rng))
    }
}
