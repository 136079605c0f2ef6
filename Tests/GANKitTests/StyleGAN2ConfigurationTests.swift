import Foundation
import GANKit
import Testing

/// `model.family: "stylegan2"` in run configurations: the family is registered, its keys are
/// decoded strictly beside the standard ones, and its defaults are the Swift initialisers'.
@Suite struct StyleGAN2ConfigurationTests {
    init() { GANKit.registerBuiltins() }

    static func parse(_ json: String) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(json.utf8), source: "run.json")
    }

    @Test func theFamilyWithItsDefaultsBuildsTheSwiftDefaultPair() throws {
        let c = try Self.parse(#"{"model": {"family": "stylegan2", "latentDimension": 16}, "batchSize": 8}"#)
        #expect(c.model.family == "stylegan2")
        let context = ComponentBuildContext(modelFamily: "stylegan2", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 8, datasetCount: 10)
        var fromConfiguration = RandomSource(seed: 5), fromSwift = RandomSource(seed: 5)
        let (g, d) = try TrainingRun.makeModels(c.model, context: context, using: &fromConfiguration)
        let defaults = StyleGAN2Family.Options()
        let widths = StyleGAN2ChannelWidths(base: defaults.channelBase, maximum: defaults.channelMax)
        let g2 = StyleGAN2Generator(resolution: 32, channels: 3, latentDimension: 16, widths: widths, mappingLayers: defaults.mappingLayers,
                                    styleMixingProbability: defaults.styleMixingProbability, using: &fromSwift)
        let d2 = StyleGAN2Discriminator(resolution: 32, channels: 3, widths: widths, groupSize: defaults.minibatchGroupSize, using: &fromSwift)
        let generator = try #require(g as? StyleGAN2Generator)
        #expect(generator.styleMixingProbability == 0.9 && generator.mapping.layers.count == 2)
        #expect(g.namedParameters().map(\.0) == g2.namedParameters().map(\.0))
        let sameGenerator = g.parameters().map(\.value.scalars) == g2.parameters().map(\.value.scalars)
        let sameDiscriminator = d.parameters().map(\.value.scalars) == d2.parameters().map(\.value.scalars)
        #expect(sameGenerator && sameDiscriminator, "the configuration's pair differs from the Swift defaults' (G same: \(sameGenerator), D same: \(sameDiscriminator))")
        #expect(generator.synthesis.blocks.map(\.conv1.outputChannels) == [128, 128, 64, 32])
        #expect(d.inputSize == ImageSize(channels: 3, resolution: 32))
    }

    @Test func theFamilysKeysAreReadAndCheckedBesideTheStandardOnes() throws {
        let c = try Self.parse(#"{"model": {"family": "stylegan2", "mappingLayers": 3, "channelBase": 256, "channelMax": 16, "styleMixingProbability": 0}}"#)
        let context = ComponentBuildContext(modelFamily: "stylegan2", imageSize: ImageSize(channels: 1, resolution: 64), batchSize: 64, datasetCount: 10)
        var rng = RandomSource(seed: 1)
        let (g, d) = try TrainingRun.makeModels(c.model, context: context, using: &rng)
        let generator = try #require(g as? StyleGAN2Generator)
        #expect(generator.mapping.layers.count == 3 && generator.styleMixingProbability == 0)
        #expect(generator.synthesis.blocks.map(\.conv1.outputChannels) == [16, 16, 16, 8, 4])
        #expect(generator.outputSize == ImageSize(channels: 1, resolution: 64) && d.inputSize == generator.outputSize)

        #expect { _ = try Self.parse(#"{"model": {"family": "stylegan2", "mappingLayer": 3}}"#) } throws: {
            String(describing: $0).contains("mappingLayer")
        }
        let bad = try Self.parse(#"{"model": {"family": "stylegan2", "channelMax": 0}}"#)
        #expect { _ = try TrainingRun.makeModels(bad.model, context: context, using: &rng) } throws: {
            String(describing: $0).contains("model.channelMax")
        }
    }

    /// The family reads neither `width` nor `initialization`: set to anything but their defaults
    /// they are errors naming the key, not settings silently ignored; at their defaults (as a run
    /// folder's config.json writes them) they build.
    @Test func aStandardKeyTheFamilyIgnoresIsAnErrorUnlessAtItsDefault() throws {
        let context = ComponentBuildContext(modelFamily: "stylegan2", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 8, datasetCount: 10)
        var rng = RandomSource(seed: 1)
        for (json, key) in [(#"{"model": {"family": "stylegan2", "width": 32}}"#, "model.width"),
                            (#"{"model": {"family": "stylegan2", "initialization": "pytorchDefault"}}"#, "model.initialization")] {
            let c = try Self.parse(json)
            #expect { _ = try TrainingRun.makeModels(c.model, context: context, using: &rng) } throws: {
                String(describing: $0).contains("\(key): the stylegan2 family does not read it (its own keys: channelBase, channelMax,")
            }
        }
        let stored = try Self.parse(#"{"model": {"family": "stylegan2", "width": 64, "initialization": "dcgan"}}"#)
        let (g, _) = try TrainingRun.makeModels(stored.model, context: context, using: &rng)
        #expect(g is StyleGAN2Generator)
        let dcgan = try Self.parse(#"{"model": {"family": "dcgan", "width": 8}}"#)
        let dcganContext = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 8, datasetCount: 10)
        _ = try TrainingRun.makeModels(dcgan.model, context: dcganContext, using: &rng)
    }
}
