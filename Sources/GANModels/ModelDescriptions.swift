import GANCore

// The `model` section each built-in network is built from (`DescribableModel`), so a pipeline
// composed in Swift can be written down as `config.json`.

extension DCGANGenerator: DescribableModel {
    /// The `dcgan` section: its width (ngf), latent length and initialisation.
    public var modelDescription: ModelDescription {
        ModelDescription(family: DCGANFamily.kind, imageSize: outputSize, latentDimension: latentDimension, width: width,
                         initialization: initialization.rawValue)
    }
}

extension DCGANDiscriminator: DescribableModel {
    /// The `dcgan` section: its width (ndf) and initialisation; a LeakyReLU slope other than the
    /// family's (`defaultSlope`) throws, as no key sets it.
    public var modelDescription: ModelDescription {
        get throws {
            guard slope == DCGANDiscriminator.defaultSlope else {
                throw ConfigurationError.invalidValue(context: "model dcgan", reason: "the family builds LeakyReLU slope \(DCGANDiscriminator.defaultSlope), this discriminator has \(slope)")
            }
            return ModelDescription(family: DCGANFamily.kind, imageSize: inputSize, width: width, initialization: initialization.rawValue)
        }
    }
}

extension SNGANResNetGenerator: DescribableModel {
    /// The `sngan-resnet` section, whose width is a quarter of the generator's; a width that is
    /// not a multiple of 4 throws.
    public var modelDescription: ModelDescription {
        get throws {
            guard width % 4 == 0 else {
                throw ConfigurationError.invalidValue(context: "model sngan-resnet.width", reason: "the family builds generator widths of 4 × width, this one has \(width)")
            }
            return ModelDescription(family: SNGANResNetFamily.kind, imageSize: outputSize, latentDimension: latentDimension,
                                    width: width / 4, initialization: nil)
        }
    }
}

extension SNGANResNetDiscriminator: DescribableModel {
    /// The `sngan-resnet` section, whose width is half the discriminator's; an odd width throws.
    public var modelDescription: ModelDescription {
        get throws {
            guard width % 2 == 0 else {
                throw ConfigurationError.invalidValue(context: "model sngan-resnet.width", reason: "the family builds discriminator widths of 2 × width, this one has \(width)")
            }
            return ModelDescription(family: SNGANResNetFamily.kind, imageSize: inputSize, width: width / 2, initialization: nil)
        }
    }
}
