import GANKit
import Testing

/// The networks of the DCGAN and SNGAN-ResNet families describe the `model` section they were
/// made from (`DescribableModel`), so a pipeline composed in Swift names its models in
/// `config.json`. StyleGAN2's networks do not describe themselves yet (their section's own keys
/// are split between G and D), so a Swift-composed StyleGAN2 run says why it has no `config.json`.
@Suite struct DescribableModelTests {
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
}
