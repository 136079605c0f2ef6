import Foundation
import GANKit
import Testing

/// The `diagnostics` section: defaults for missing keys, strict keys, validation naming the key,
/// the held-out split, and a run that writes the diagnostics files.
@Suite struct DiagnosticsConfigurationTests {
    init() { GANKit.registerBuiltins() }

    static func parse(_ text: String) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(text.utf8), source: "run.json")
    }

    @Test func absentOrNullMeansNoDiagnostics() throws {
        #expect(try Self.parse("{}").diagnostics == nil)
        #expect(try Self.parse(#"{"diagnostics": null}"#).diagnostics == nil)
    }

    @Test func missingKeysOfTheSectionTakeTheDefaults() throws {
        let spec = try #require(try Self.parse(#"{"diagnostics": {"heldOut": 100, "heatMapsAt": [0, 400]}}"#).diagnostics)
        var expected = DiagnosticsSpec()
        expected.heldOut = 100
        expected.heatMapsAt = [0, 400]
        #expect(spec == expected)
        #expect(spec.every == 200 && spec.batch == 64 && spec.quantile == 0.9)
    }

    @Test func anUnknownKeyIsNamed() {
        #expect { _ = try Self.parse(#"{"diagnostics": {"evry": 5}}"#) } throws: {
            String(describing: $0).contains("unknown key 'evry' in run.json: diagnostics")
        }
    }

    @Test(arguments: [
        (#"{"every": 0}"#, "diagnostics.every"),
        (#"{"batch": 1}"#, "diagnostics.batch"),
        (#"{"quantile": 1}"#, "diagnostics.quantile"),
        (#"{"heldOut": 9}"#, "diagnostics.heldOut"),
        (#"{"heldOut": -1}"#, "diagnostics.heldOut"),
        (#"{"heatMapsAt": [-3]}"#, "diagnostics.heatMapsAt"),
    ])
    func invalidValuesAreNamed(section: String, key: String) throws {
        let spec = try #require(try Self.parse(#"{"diagnostics": "# + section + "}").diagnostics)
        #expect { try spec.validate(datasetCount: 10) } throws: { String(describing: $0).contains(key) }
    }

    @Test func theHeldOutSplitIsSpreadAndDisjoint() {
        let data = TensorDataset(Tensor(shape: [10, 1, 1, 1], values: (0..<10).map(Float.init)))
        let (training, heldOut) = ImageSubset.split(data, heldOut: 3)
        #expect(heldOut.indices == [3, 6, 9])
        #expect(training.indices == [0, 1, 2, 4, 5, 7, 8])
        #expect(heldOut.images(at: [0, 2]).scalars == [3, 9])
    }

    @Test func aRunHoldsImagesOutAndWritesTheDiagnostics() throws {
        let data = try TrainingRunTests.imageFolder(count: 12)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-run-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: output)
        }
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: 4)
        c.regularizers = []
        var spec = DiagnosticsSpec()
        spec.every = 2
        spec.heldOut = 4
        spec.batch = 4
        spec.heatMapsAt = [4]
        c.diagnostics = spec
        let run = try TrainingRun(c)
        #expect(run.dataset.count == 8 && run.heldOut?.count == 4)
        try run.train(progress: ConsoleProgress(every: 100, isTerminal: false, write: { _ in }))
        let records = try DiagnosticsWriter.read(output.appendingPathComponent("diagnostics.jsonl"))
        #expect(records.map(\.iteration) == [0, 2, 4])
        #expect(records.allSatisfy { $0.heldOutRealOutput != nil })
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("diagnostics/gradient-iter-000004.png").path))
    }
}
