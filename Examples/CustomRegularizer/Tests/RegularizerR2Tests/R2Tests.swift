import GANCore
import GANTestSupport
import RegularizerR2
import Testing

/// R2 meets the regularizer contract (GANTestSupport: its gradient trains D and matches finite
/// differences through the double backward of a tiny D, and the options it describes build it
/// again), and a configuration builds the same penalty as Swift's defaults.
@Suite struct R2Tests {
    @Test func conformsToTheRegularizerContract() throws {
        try RegularizerConformance.check { R2() }
    }

    @Test func conformsWhenLazy() throws {
        try RegularizerConformance.check { R2(interval: 4) }
    }

    @Test func aConfigurationWithoutOptionsIsTheSwiftDefault() throws {
        let configured = try R2.make(from: .object([:]), context: Self.context, describedAs: "regularizer r2")
        #expect(configured.gamma == R2().gamma)
        #expect(configured.schedule == R2().schedule)
    }

    @Test func aNegativeGammaIsAnErrorNamingTheOption() {
        #expect {
            _ = try R2.make(from: .object(["gamma": .number(-1)]), context: Self.context, describedAs: "regularizer r2")
        } throws: { String(describing: $0).contains("regularizer r2.gamma") }
    }

    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                               batchSize: 64, datasetCount: 500)
}
