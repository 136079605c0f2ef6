import GANCore
import GANTestSupport
import AugmentationScaffoldExample
import Testing

/// ScaffoldExample meets the augmentation contract (GANTestSupport; it includes building the
/// augmentation again from the options it describes), and a configuration builds the same
/// augmentation as Swift's defaults.
@Suite struct ScaffoldExampleTests {
    @Test func conformsToTheAugmentationContract() throws {
        try AugmentationConformance.check { ScaffoldExample() }
    }

    @Test func theTargetListsItsComponent() {
        #expect(AugmentationScaffoldExample.components.contains { ObjectIdentifier($0) == ObjectIdentifier(ScaffoldExample.self) })
    }

    @Test func shiftsComeFromTheUniformDraws() {
        var script = ScriptedRandomSource([.uniform(0), .uniform(0.75)])
        let shifts = ScaffoldExample(strength: 2).sampleParameters(batch: 2, size: ImageSize(channels: 1, resolution: 4), using: &script)
        #expect(shifts == [-1, 0.5])
        #expect(script.remaining == 0)
    }

    @Test func aConfigurationWithoutOptionsIsTheSwiftDefault() throws {
        let configured = try ScaffoldExample.make(from: .object([:]), context: Self.context, describedAs: "augmentation scaffold-example")
        #expect(configured.strength == ScaffoldExample().strength)
    }

    @Test func aNegativeStrengthIsAnErrorNamingTheOption() {
        #expect {
            _ = try ScaffoldExample.make(from: .object(["strength": .number(-1)]), context: Self.context, describedAs: "augmentation scaffold-example")
        } throws: { String(describing: $0).contains("augmentation scaffold-example.strength") }
    }

    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                               batchSize: 64, datasetCount: 500)
}
