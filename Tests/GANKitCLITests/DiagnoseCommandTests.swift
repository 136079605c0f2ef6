import Foundation
import GANKit
import GANKitCLI
import Testing

/// `gankit diagnose RUN`, run in this process through the library entry point: it measures the
/// training diagnostics at every checkpoint of a finished run and writes them to the output
/// folder, and a folder it cannot measure is an error naming what is missing.
@Suite struct DiagnoseCommandTests {
    init() { GANKit.registerBuiltins() }

    /// A tiny DCGAN run trained to 2 iterations with a checkpoint after each, in a new folder.
    static func trainedRun() throws -> URL {
        var c = RunConfiguration()
        (c.data.source, c.data.path, c.data.limit) = ("folder", try CustomComponentTests.imageFolder().path, nil)
        (c.model.latentDimension, c.model.width) = (8, 4)
        (c.iterations, c.batchSize) = (2, 2)
        c.output.directory = CustomComponentTests.temporary("diagnose-run").path
        (c.output.progressEvery, c.output.sampleEvery, c.output.checkpointEvery) = (1000, 1000, 1)
        try TrainingRun(c).train(progress: ConsoleProgress(every: 1000, isTerminal: false) { _ in })
        return URL(fileURLWithPath: c.output.directory)
    }

    @Test func itMeasuresEveryCheckpointAndWritesRecordsChartAndHeatMaps() throws {
        let run = try Self.trainedRun()
        let output = CustomComponentTests.temporary("diagnose-out")
        defer { for f in [run, output] { try? FileManager.default.removeItem(at: f) } }
        let checkpoints = Checkpoint.complete(in: run).map(\.iteration)
        #expect(checkpoints == [1, 2])

        try GANKitCLI.run(["diagnose", run.path, "--output", output.path])

        let records = try DiagnosticsWriter.read(output.appendingPathComponent("diagnostics.jsonl"))
        #expect(records.map(\.iteration) == checkpoints)
        #expect(records.allSatisfy { $0.heldOutRealOutput == nil }, "the run holds no images out")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("diagnostics.svg").path))
        for iteration in checkpoints {
            let heatMap = output.appendingPathComponent("diagnostics").appendingPathComponent(DiagnosticsWriter.heatMapName(iteration: iteration))
            #expect(FileManager.default.fileExists(atPath: heatMap.path), "\(heatMap.lastPathComponent)")
        }
    }

    @Test func aRunWithoutCheckpointsIsAnErrorNamingTheCheckpointsFolder() throws {
        let run = try Self.trainedRun()
        defer { try? FileManager.default.removeItem(at: run) }
        try FileManager.default.removeItem(at: run.appendingPathComponent(Checkpoint.folderName))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("config.json").path))
        #expect { try GANKitCLI.run(["diagnose", run.path]) } throws: {
            GANKitCLI.message(for: $0).contains("no checkpoint in \(run.appendingPathComponent("checkpoints").path)")
        }
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("diagnose").path), "nothing is written")
    }

    @Test func aFolderWithoutConfigJSONIsAnErrorNamingTheFile() throws {
        let folder = CustomComponentTests.temporary("diagnose-empty")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try GANKitCLI.run(["diagnose", folder.path]) } throws: {
            GANKitCLI.message(for: $0).contains(folder.appendingPathComponent("config.json").path)
        }
    }
}
