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

    /// The discriminator's 4×4 convolution from 2·ndf to 4·ndf channels (128·ndf² weights, ndf =
    /// width · discriminatorScale) and per image the latent and the pixels: the family's own
    /// key sets its size, so it gives the memory check a bound that names it.
    func sizeLowerBound(for request: ModelRequest) -> ModelSizeBound? {
        let ndf = Double(request.width) * Double(discriminatorScale), size = request.imageSize
        return ModelSizeBound(weights: 128 * ndf * ndf, valuesPerImage: Double(request.latentDimension + size.channels * size.height * size.width),
                              weightKey: "model.discriminatorScale", weightValue: discriminatorScale)
    }

    func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws -> (generator: any Generator, discriminator: any Discriminator) {
        let size = request.imageSize
        return (DCGANGenerator(resolution: size.height, channels: size.channels, latentDimension: request.latentDimension,
                               width: request.width, using: &rng),
                DCGANDiscriminator(resolution: size.height, channels: size.channels, width: request.width * discriminatorScale, using: &rng))
    }
}
