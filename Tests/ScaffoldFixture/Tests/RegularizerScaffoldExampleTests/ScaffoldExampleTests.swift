import GANCore
import GANTestSupport
import RegularizerScaffoldExample
import Testing

/// ScaffoldExample meets the regularizer contract (GANTestSupport; it includes building the penalty
/// again from the options it describes), and a configuration builds the same penalty as
/// Swift's defaults.
@Suite struct ScaffoldExampleTests {
    @Test func conformsToTheRegularizerContract() throws {
        try RegularizerConformance.check { ScaffoldExample() }
    }

    @Test func theTargetListsItsComponent() {
        #expect(RegularizerScaffoldExample.components.contains { ObjectIdentifier($0) == ObjectIdentifier(ScaffoldExample.self) })
    }

    @Test func conformsWhenLazy() throws {
        try RegularizerConformance.check { ScaffoldExample(interval: 4) }
    }

    @Test func aConfigurationWithoutOptionsIsTheSwiftDefault() throws {
        let configured = try ScaffoldExample.make(from: .object([:]), context: Self.context, describedAs: "regularizer scaffold-example")
        #expect(configured.weight == ScaffoldExample().weight)
        #expect(configured.schedule == ScaffoldExample().schedule)
    }

    @Test func aNegativeWeightIsAnErrorNamingTheOption() {
        #expect {
            _ = try ScaffoldExample.make(from: .object(["weight": .number(-1)]), context: Self.context, describedAs: "regularizer scaffold-example")
        } throws: { String(describing: $0).contains("regularizer scaffold-example.weight") }
    }

    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                               batchSize: 64, datasetCount: 500)
}
