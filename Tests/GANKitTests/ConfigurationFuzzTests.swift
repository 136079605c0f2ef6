import Foundation
import GANKit
import GANTestSupport
import Testing

/// Bounded random-mutation fuzzing of the configuration parser (issue 11, item 6): 10 000
/// mutated run configurations, from a fixed seed. Each must parse and validate, or be refused
/// with a `ConfigurationError`; the components it names must build or be refused the same way.
/// A crash fails the whole test run.
@Suite struct ConfigurationFuzzTests {
    init() { GANKit.registerBuiltins() }

    @Test func mutatedConfigurationsParseOrAreRefusedWithAConfigurationError() throws {
        var full = ConfigurationRoundTripTests.everythingOn(data: URL(fileURLWithPath: "/data"), output: URL(fileURLWithPath: "/runs/x"))
        full.evaluation = EvaluationSpec()
        full.regularizers += ["ms3d", "diggan", "cr", "bcr", "zcr", "zcr-generator"].map { ComponentSpec(kind: $0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let corpus = try [full, RunConfiguration()].map { [UInt8](try encoder.encode($0)) }
            + [Array(#"{"augmentation": {"kind": "ada", "target": 0.6, "fixedP": 0.2}, "data": {"source": "fashion-mnist", "classes": [1]}}"#.utf8)]
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, height: 32, width: 32),
                                            batchSize: 4, datasetCount: 100)
        var mutator = ByteMutator(seed: 14)
        var accepted = 0
        for i in 0..<10_000 {
            let bytes = mutator.mutate(corpus[i % corpus.count])
            do {
                let c = try RunConfiguration.parse(Data(bytes), source: "fuzz-\(i).json")
                try c.validate(memoryBytes: 8 << 30)
                for (k, r) in c.regularizers.enumerated() {
                    _ = try ComponentRegistry.shared.makeRegularizer(r.kind, options: r.options, context: context, at: "regularizers[\(k)]")
                }
                if let a = c.augmentation {
                    _ = try ComponentRegistry.shared.makeAugmentation(a.kind, options: a.options, context: context, at: "augmentation")
                }
                for (k, t) in c.techniques.enumerated() {
                    _ = try ComponentRegistry.shared.makeTechnique(t.kind, options: t.options, context: context, at: "techniques[\(k)]")
                }
                accepted += 1
            } catch {
                #expect(error is ConfigurationError, "input \(i): \(type(of: error)) \(error)\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 0 && accepted < 10_000, "\(accepted) accepted")
    }
}
