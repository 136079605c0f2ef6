import Foundation
import GANCore
import GANNN

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

extension StyleGAN2Generator: DescribableModel {
    /// The `stylegan2` section with the family's keys the generator reads: `mappingLayers`,
    /// `channelBase`, `channelMax` and `styleMixingProbability` (`minibatchGroupSize` is the
    /// discriminator's). A resolution the family does not build (`StyleGAN2Family.resolutions`)
    /// or an activation other than leaky ReLU throws, as no key sets them.
    public var modelDescription: ModelDescription {
        get throws {
            try StyleGAN2Family.checkBuildable(outputSize, activation: activation, network: "generator")
            var options = StyleGAN2Family.Options()
            options.mappingLayers = mapping.layers.count
            (options.channelBase, options.channelMax) = (widths.base, widths.maximum)
            options.styleMixingProbability = styleMixingProbability
            return ModelDescription(family: StyleGAN2Family.kind, imageSize: outputSize, latentDimension: latentDimension, width: nil,
                                    initialization: nil,
                                    options: try StyleGAN2Family.json(options, keys: [.mappingLayers, .channelBase, .channelMax, .styleMixingProbability]))
        }
    }
}

extension StyleGAN2Discriminator: DescribableModel {
    /// The `stylegan2` section with the family's keys the discriminator reads: `channelBase`,
    /// `channelMax` and `minibatchGroupSize` (the others are the generator's). A resolution the
    /// family does not build or an activation other than leaky ReLU throws, as no key sets them.
    public var modelDescription: ModelDescription {
        get throws {
            try StyleGAN2Family.checkBuildable(inputSize, activation: activation, network: "discriminator")
            var options = StyleGAN2Family.Options()
            (options.channelBase, options.channelMax) = (widths.base, widths.maximum)
            options.minibatchGroupSize = epilogue.groupSize
            return ModelDescription(family: StyleGAN2Family.kind, imageSize: inputSize, width: nil, initialization: nil,
                                    options: try StyleGAN2Family.json(options, keys: [.channelBase, .channelMax, .minibatchGroupSize]))
        }
    }
}

extension StyleGAN2Family {
    /// Throws unless the family builds networks of `size` with `activation`: square images at
    /// one of `resolutions`, leaky ReLU (it has no key for either).
    fileprivate static func checkBuildable(_ size: ImageSize, activation: BiasActivation, network: String) throws {
        guard size.height == size.width, resolutions.contains(size.height) else {
            throw ConfigurationError.invalidValue(context: "data.resolution", reason:
                "the stylegan2 family builds \(resolutions.map { "\($0)" }.joined(separator: " or ")) px square images, this \(network) has \(size)")
        }
        guard activation == .leakyReLU else {
            throw ConfigurationError.invalidValue(context: "model stylegan2", reason:
                "the family builds leaky-ReLU networks and has no key for the activation, this \(network) has \(activation)")
        }
    }

    /// `keys` of `options` as a configuration writes them (`JSONEncoder`, so a Float such as
    /// 0.9 is written 0.9).
    fileprivate static func json(_ options: Options, keys: [Options.CodingKeys]) throws -> [String: JSONValue] {
        let all = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(options)).objectValue ?? [:]
        return all.filter { key, _ in keys.contains { $0.rawValue == key } }
    }
}
