import Foundation
import GANKit
import Testing

/// The networks of the DCGAN, SNGAN-ResNet and StyleGAN2 families describe the `model` section
/// they were made from (`DescribableModel`), so a pipeline composed in Swift names its models in
/// `config.json`; a network built with a setting its family has no key for says which.
@Suite struct DescribableModelTests {
    init() { GANKit.registerBuiltins() }

    @Test func theDCGANAndSNGANNetworksDescribeTheRequestTheyWereMadeFor() throws {
        let registry = ComponentRegistry()
        GANKit.registerBuiltins(in: registry)
        let families: [any ModelFamily.Type] = [DCGANFamily.self, SNGANResNetFamily.self]
        let size = ImageSize(channels: 1, resolution: 32)
        let context = ComponentBuildContext(modelFamily: "", imageSize: size, batchSize: 2, datasetCount: 2)
        for familyType in families {
            let family = try registry.makeModelFamily(familyType.kind, options: .object([:]), context: context, at: "test")
            var rng = RandomSource(seed: 0)
            let request = ModelRequest(imageSize: size, latentDimension: 8, width: 4, initialization: "pytorchDefault")
            let (g, d) = try family.makeModels(for: request, using: &rng)
            let generator = try #require(g as? any DescribableModel, "\(type(of: g))").modelDescription
            let discriminator = try #require(d as? any DescribableModel, "\(type(of: d))").modelDescription
            #expect(generator.family == familyType.kind && generator.imageSize == size && generator.latentDimension == 8 && generator.width == 4)
            #expect(generator.initialization == nil || generator.initialization == "pytorchDefault")
            var expected = generator
            expected.latentDimension = nil
            #expect(discriminator == expected, "\(familyType.kind)")
        }
    }

    @Test func aDCGANDiscriminatorWithAnotherSlopeSaysTheFamilyCannotBuildIt() {
        var rng = RandomSource(seed: 0)
        let d = DCGANDiscriminator(width: 4, slope: 0.1, using: &rng)
        #expect { _ = try d.modelDescription } throws: { String(describing: $0).contains("slope") }
    }

    /// The `model` section of a StyleGAN2 run with every family key away from its default.
    static let styleGAN2Section = #"""
        {"family": "stylegan2", "latentDimension": 16, "mappingLayers": 3, "channelBase": 64, "channelMax": 16,
         "styleMixingProbability": 0.5, "minibatchGroupSize": 2}
        """#

    /// The StyleGAN2 pair the family builds from `model` for 32-px RGB images.
    static func styleGAN2Pair(_ model: ModelSpec) throws -> (generator: any Generator, discriminator: any Discriminator) {
        let context = ComponentBuildContext(modelFamily: "stylegan2", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 4, datasetCount: 4)
        var rng = RandomSource(seed: 3)
        return try TrainingRun.makeModels(model, context: context, using: &rng)
    }

    /// The `model` section a pipeline of `generator` and `discriminator` is written down with.
    static func describedSection(_ generator: any Generator, _ discriminator: any Discriminator) throws -> ModelSpec {
        let pipeline = try TrainingPipeline.builder().generator(generator).discriminator(discriminator).batchSize(4).build()
        var data = DataSpec()
        (data.source, data.resolution, data.channels) = ("folder", generator.outputSize.height, generator.outputSize.channels)
        return try RunConfiguration(describing: pipeline, data: data, iterations: 1, output: OutputSpec()).model
    }

    @Test func theStyleGAN2NetworksDescribeTheSectionTheFamilyBuiltThemFrom() throws {
        let c = try RunConfiguration.parse(Data(#"{"model": \#(Self.styleGAN2Section)}"#.utf8), source: "run.json")
        let (g, d) = try Self.styleGAN2Pair(c.model)
        let generator = try #require(g as? StyleGAN2Generator).modelDescription
        let discriminator = try #require(d as? StyleGAN2Discriminator).modelDescription
        let size = ImageSize(channels: 3, resolution: 32)
        // Each network names the family's keys it reads, with the section's values.
        #expect(generator == ModelDescription(family: "stylegan2", imageSize: size, latentDimension: 16, width: nil, initialization: nil,
                                              options: c.model.options.filter { $0.key != "minibatchGroupSize" }))
        #expect(discriminator == ModelDescription(family: "stylegan2", imageSize: size, width: nil, initialization: nil,
                                                  options: c.model.options.filter { !["mappingLayers", "styleMixingProbability"].contains($0.key) }))
        // Together they are the section, which builds the same pair again.
        let described = try Self.describedSection(g, d)
        #expect(described == c.model)
        let (g2, d2) = try Self.styleGAN2Pair(described)
        #expect(g2.parameters().map(\.value.scalars) == g.parameters().map(\.value.scalars))
        #expect(d2.parameters().map(\.value.scalars) == d.parameters().map(\.value.scalars))

        // A section with the family's defaults is described with each default written out.
        let defaults = try RunConfiguration.parse(Data(#"{"model": {"family": "stylegan2", "latentDimension": 8}}"#.utf8), source: "run.json")
        let (gd, dd) = try Self.styleGAN2Pair(defaults.model)
        let written = try Self.describedSection(gd, dd)
        #expect(written.options["styleMixingProbability"] == .number(0.9) && written.options["mappingLayers"] == .number(2))
        #expect(try JSONValue.object(written.options).decode(StyleGAN2Family.Options.self, context: "model") == StyleGAN2Family.Options())
        #expect(written.latentDimension == 8 && written.width == defaults.model.width && written.initialization == defaults.model.initialization)
    }

    @Test func aStyleGAN2NetworkWithASettingTheFamilyHasNoKeyForSaysWhich() throws {
        let widths = StyleGAN2ChannelWidths(base: 64, maximum: 16)
        var rng = RandomSource(seed: 0)
        let at16 = StyleGAN2Generator(resolution: 16, latentDimension: 8, widths: widths, using: &rng)
        #expect { _ = try at16.modelDescription } throws: { String(describing: $0).contains("data.resolution") }
        let linear = StyleGAN2Discriminator(resolution: 32, widths: widths, activation: .linear, using: &rng)
        #expect { _ = try linear.modelDescription } throws: { String(describing: $0).contains("activation") }
        // A pair whose networks were built with different channel widths is no one section.
        let g = StyleGAN2Generator(resolution: 32, latentDimension: 8, widths: widths, using: &rng)
        let d = StyleGAN2Discriminator(resolution: 32, widths: StyleGAN2ChannelWidths(base: 128, maximum: 16), using: &rng)
        #expect { _ = try Self.describedSection(g, d) } throws: {
            let text = String(describing: $0)
            return text.contains("describe different model sections") && text.contains("channelBase")
        }
    }
}
