import Foundation
import GANKit
import Testing

/// The experiment runner end to end at a tiny size: two rows trained for four iterations at
/// width 4 (the second with training diagnostics), each scored once at the end on six samples
/// with the FID Inception network (the curve's bookkeeping is `ExperimentRecordTests`'s); the
/// records land in the results file, a rerun skips them, and a changed spec or other OpenBLAS
/// kernels than the records' are refused. It checks the runner, not the scores.
@Suite struct ExperimentRunnerTests {
    init() { GANKit.registerBuiltins() }

    static var weightsAreInstalled: Bool {
        FileManager.default.fileExists(atPath: InceptionWeights.folder().appendingPathComponent("manifest.json").path)
    }

    static func spec(data: URL, folder: URL, iterations: Int = 4) throws -> ExperimentSpec {
        let text = """
        { "name": "smoke", "seeds": [1], "iterations": \(iterations),
          "evaluation": { "every": 4, "num": 6, "kidSubsets": 4, "kidSubsetSize": 4 },
          "base": { "data": { "source": "folder", "path": "\(data.path)", "resolution": 32, "channels": 3 },
                    "model": { "width": 4, "latentDimension": 8 }, "batchSize": 4,
                    "output": { "progressEvery": 100, "sampleEvery": 100, "checkpointEvery": 100, "sampleCount": 4 } },
          "runs": "\(folder.appendingPathComponent("runs").path)", "grids": "\(folder.appendingPathComponent("grids").path)",
          "rows": [ { "name": "baseline" }, { "name": "ms3d", "regularizers": [{ "kind": "ms3d", "interval": 2 }],
                       "overrides": { "diagnostics": { "every": 2, "heldOut": 2, "batch": 2 } } } ] }
        """
        return try ExperimentSpec.parse(Data(text.utf8), source: "smoke.json", baseFolder: folder)
    }

    @Test(.enabled(if: weightsAreInstalled, "the Inception weights are absent (`gankit weights` gets them; CI has them): FID cannot be computed"))
    func theRunnerRecordsEachRunOnceAndContinuesWhereItStopped() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-experiment-\(UUID().uuidString)")
        let results = folder.appendingPathComponent("results.jsonl")
        let quiet = { ConsoleProgress(every: 1000, isTerminal: false) { _ in } }
        let runner = ExperimentRunner(results: results, command: "gankit experiment smoke.json", progress: quiet, log: { _ in })
        let jobs = try Self.spec(data: data, folder: folder).jobs()

        let written = try runner.run(jobs)
        let records = try ExperimentResults.read(results)
        #expect(written == records)
        #expect(records.map(\.row) == ["baseline", "ms3d"] && records.allSatisfy { $0.seed == 1 && $0.experiment == "smoke" })
        for record in records {
            #expect(record.iterations == 4 && record.config.iterations == 4 && record.config.seed == 1)
            #expect(record.curve.map(\.iteration) == [4])
            #expect(record.curve.allSatisfy { $0.fid.isFinite && $0.fid > 0 && $0.kid != nil })
            #expect(record.final.iteration == 4 && record.final.fid == record.curve.last?.fid && record.final.precision != nil)
            #expect(record.best.fid == record.curve.map(\.fid).min())
            #expect(record.wallSeconds > 0 && record.trainingSeconds > 0 && record.trainingSeconds <= record.wallSeconds)
            #expect(record.gitCommit == nil || record.gitCommit?.count == 40)
            #expect(record.command == "gankit experiment smoke.json")
            #expect(FileManager.default.fileExists(atPath: record.grid ?? ""), "grid \(record.grid ?? "nil")")
        }
        #expect(records[1].config.regularizers.map(\.kind) == ["ms3d"])
        #expect(records.allSatisfy { $0.logitGap?.isFinite == true })
        #expect(records[0].diagnostics == nil, "a run without a diagnostics section records none")
        let measured = try #require(records[1].diagnostics)
        #expect(measured.last?.iteration == 4 && measured.allSatisfy { $0.heldOutRealOutput != nil && $0.outputGap != nil })

        // A rerun finds nothing to do and writes nothing.
        #expect(try runner.run(jobs).isEmpty)
        #expect(try ExperimentResults.read(results).count == 2)

        // The same names with other settings are refused rather than mixed in.
        let changed = try Self.spec(data: data, folder: folder, iterations: 5).jobs()
        do {
            _ = try runner.pending(changed)
            Issue.record("a record made with other settings was taken as done")
        } catch {
            #expect("\(error)".contains("smoke/baseline/seed 1"), "\(error)")
        }

        // With the ms3d run to do again, this process's kernels may add it; other kernels may not.
        let kernels = try #require(records[0].openblasCoretype)
        #expect(kernels == OpenBLASKernels.coreName)
        try FileManager.default.removeItem(at: results)
        try ExperimentResults.append(records[0], to: results)
        #expect(try runner.pending(jobs).map(\.row) == ["ms3d"])
        var elsewhere = runner
        elsewhere.kernels = kernels == "prescott" ? "haswell" : "prescott"
        do {
            _ = try elsewhere.pending(jobs)
            Issue.record("a run with other kernels than the experiment's records was allowed")
        } catch {
            #expect("\(error)".contains("OPENBLAS_CORETYPE=\(kernels.uppercased())") && "\(error)".contains("experiment smoke"), "\(error)")
        }
    }
}
