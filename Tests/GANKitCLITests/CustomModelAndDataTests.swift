import Foundation
import GANKit
import GANKitCLI
import Testing

/// A model family and a data source of the user's own, registered like any component, are
/// nameable in a configuration's `model` and `data` sections (their own keys beside the
/// standard ones) and in `gankit train`'s flags; an unknown family or source lists the
/// registered ones.
@Suite struct CustomModelAndDataTests {
    /// A registry with the built-ins and the tests' family and source, apart from `.shared`.
    static func registry() -> ComponentRegistry {
        let registry = ComponentRegistry()
        GANKitCLI.register([ScaledDCGANFamily.self, NoiseImageSource.self], in: registry)
        return registry
    }

    static func parse(_ json: String, registry: ComponentRegistry) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(json.utf8), source: "run.json", registry: registry)
    }

    static let configuration = #"""
        {"data": {"source": "noise", "count": 6, "limit": null},
         "model": {"family": "scaled-dcgan", "width": 4, "latentDimension": 8, "discriminatorScale": 3},
         "batchSize": 2, "iterations": 1}
        """#

    @Test func aRegisteredFamilyAndSourceBuildTheRunTheConfigurationNames() throws {
        let registry = Self.registry()
        let c = try Self.parse(Self.configuration, registry: registry)
        #expect(c.model.options == ["discriminatorScale": .number(3)] && c.data.options == ["count": .number(6)])
        let run = try TrainingRun(c, registry: registry)
        #expect(run.dataset.count == 6 && run.dataset.imageSize == ImageSize(channels: 3, resolution: 32))
        var rng = RandomSource(seed: 0)
        #expect(run.pipeline.generator.parameterCount == DCGANGenerator(latentDimension: 8, width: 4, using: &rng).parameterCount)
        #expect(run.pipeline.discriminator.parameterCount == DCGANDiscriminator(width: 12, using: &rng).parameterCount)
    }

    @Test func theirOwnKeysTakeTheDefaultsOfTheirSwiftInitialisers() throws {
        let registry = Self.registry()
        let c = try Self.parse(#"{"data": {"source": "noise", "limit": null}, "model": {"family": "scaled-dcgan", "width": 4}, "batchSize": 2}"#,
                               registry: registry)
        let run = try TrainingRun(c, registry: registry)
        #expect(run.dataset.count == NoiseImageSource().count)
        var rng = RandomSource(seed: 0)
        let scale = ScaledDCGANFamily().discriminatorScale
        #expect(scale == 2 && run.pipeline.discriminator.parameterCount == DCGANDiscriminator(width: 4 * scale, using: &rng).parameterCount)
    }

    @Test func theirOwnKeysSurviveTheSavedConfiguration() throws {
        let registry = Self.registry()
        let c = try Self.parse(Self.configuration, registry: registry)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(c), as: UTF8.self)
        #expect(text.contains(#""model":{"discriminatorScale":3,"family":"scaled-dcgan","initialization":"dcgan","latentDimension":8,"width":4}"#))
        #expect(text.contains(#""data":{"channels":3,"classes":null,"count":6,"limit":null,"path":null,"resolution":32,"source":"noise"}"#))
        #expect(try RunConfiguration.parse(try encoder.encode(c), source: "config.json", registry: registry) == c)
    }

    @Test func aMisspelledKeyOfTheirOwnIsAnErrorListingTheirKeys() throws {
        let registry = Self.registry()
        #expect { try Self.parse(#"{"model": {"family": "scaled-dcgan", "discriminatorScal": 3}}"#, registry: registry) } throws: {
            String(describing: $0) == "unknown key 'discriminatorScal' in run.json: model; known keys: discriminatorScale, family, initialization, latentDimension, width"
        }
        #expect { try Self.parse(#"{"data": {"source": "noise", "cuont": 3}}"#, registry: registry) } throws: {
            String(describing: $0) == "unknown key 'cuont' in run.json: data; known keys: channels, classes, count, limit, path, resolution, seed, source, subset, subsetSeed"
        }
        #expect { try Self.parse(#"{"model": {"family": "dcgan", "discriminatorScale": 3}}"#, registry: registry) } throws: {
            String(describing: $0).hasPrefix("unknown key 'discriminatorScale' in run.json: model")
        }
        let bad = try Self.parse(#"{"data": {"source": "noise", "count": 0, "limit": null}, "model": {"width": 4}, "batchSize": 2}"#, registry: registry)
        #expect { _ = try TrainingRun(bad, registry: registry) } throws: {
            String(describing: $0) == "invalid value in data noise.count: must be ≥ 1, got 0"
        }
    }

    /// A family whose own key sets its size gives the memory check its bound, so a scale that
    /// cannot fit is refused naming that key before anything is allocated.
    @Test func theirOwnSizeBoundNamesTheirKeyWhenTheModelCannotFit() throws {
        let registry = Self.registry()
        let c = try Self.parse(#"{"data": {"source": "noise"}, "model": {"family": "scaled-dcgan", "width": 4, "discriminatorScale": 10000000}}"#,
                               registry: registry)
        #expect { _ = try TrainingRun(c, registry: registry) } throws: {
            String(describing: $0).hasPrefix("invalid value in model.discriminatorScale: 10000000 is too large: training would need at least")
        }
    }

    @Test func anUnknownFamilyOrSourceListsTheRegisteredOnes() throws {
        let registry = Self.registry()
        #expect { _ = try TrainingRun(try Self.parse(#"{"model": {"family": "stylegan9"}, "data": {"source": "noise"}}"#, registry: registry), registry: registry) } throws: {
            String(describing: $0) == "unknown kind 'stylegan9' in model.family; known: dcgan, scaled-dcgan, sngan-resnet, stylegan2"
        }
        #expect { _ = try TrainingRun(try Self.parse(#"{"data": {"source": "imagenet"}}"#, registry: registry), registry: registry) } throws: {
            String(describing: $0) == "unknown kind 'imagenet' in data.source; known: emoji, fashion-mnist, folder, noise"
        }
    }

    @Test func theCommandLineNamesThemInFlags() throws {
        let output = CustomComponentTests.temporary("run")
        try GANKitCLI.run(["train", "--model", "scaled-dcgan", "--width", "4", "--data-source", "noise", "--limit", "3", "--batch-size", "2",
                           "--iterations", "1", "--output", output.path, "--dry-run"],
                          registering: [ScaledDCGANFamily.self, NoiseImageSource.self])
        #expect { try GANKitCLI.run(["train", "--data-source", "noise", "--classes", "3", "--output", output.path, "--dry-run"]) } throws: {
            String(describing: $0).contains("--classes 3 applies to --data-source fashion-mnist only; the data source is noise")
        }
    }
}
