import Foundation
import GANKit
import Testing

/// The built `gankit` answers every bad flag, value and combination with one message naming
/// the flag or key and the value, and a non-zero exit status (issue 11, item 4).
@Suite(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
struct CommandLineValidationTests {
    init() { GANKit.registerBuiltins() }

    @Test(arguments: [
        (["--sample-every", "0"], "--sample-every must be ≥ 1, got 0"),
        (["--checkpoint-every", "0"], "--checkpoint-every must be ≥ 1, got 0"),
        (["--checkpoint-every", "-5"], "--checkpoint-every must be ≥ 1, got -5"),
        (["--progress-every", "0"], "--progress-every must be ≥ 1, got 0"),
        (["--iterations", "0"], "--iterations must be ≥ 1, got 0"),
        (["--batch-size", "-1"], "--batch-size must be ≥ 1, got -1"),
        (["--width", "0"], "--width must be ≥ 1, got 0"),
        (["--evaluate-every", "0"], "--evaluate-every must be ≥ 1, got 0"),
        (["--evaluate-num", "1"], "--evaluate-num must be ≥ 2, got 1"),
        (["--freeze-d", "0"], "--freeze-d must be ≥ 1, got 0"),
        (["--limit", "0"], "--limit must be ≥ 1, got 0"),
        (["--resolution", "-32"], "--resolution must be ≥ 1, got -32"),
        (["--channels", "2"], "--channels must be 1 (gray) or 3 (RGB), got 2"),
        (["--regularizer", "ms3d:weight=nan", "--dry-run"], "--regularizer ms3d:weight=nan: weight must be a finite number, got nan"),
        (["--augmentation", "ada:target=1e999", "--dry-run"], "--augmentation ada:target=1e999: target must be a finite number, got 1e999"),
        (["--data-source", "fashion-mnist", "--classes", "-1", "--dry-run"], "the fashion-mnist source's classes are 0…9, got -1"),
    ])
    func aCountOrIntervalFlagOutOfRangeIsAnErrorNamingTheFlagAndTheValue(flags: [String], expected: String) throws {
        let result = try GankitProcess.run(["train"] + flags)
        #expect(result.status != 0)
        #expect(result.output.contains(expected), "\(result.output)")
    }

    /// A flag or a combination of flags that is wrong in itself is refused before any file is
    /// read, with the usage of the command it was given to (not the root's `gankit <subcommand>`).
    @Test(arguments: [
        (["train", "--resume", "/nonexistent", "--init-from", "/nonexistent"], "--init-from starts a new run; it cannot be combined with --resume"),
        (["train", "--resume", "/nonexistent", "--overwrite"], "--overwrite starts a new run; it cannot be combined with --resume"),
        (["train", "--resume", "/nonexistent", "--config", "/nonexistent.json"], "--config /nonexistent.json does not apply to --resume"),
        (["evaluate", "--fake", "/nonexistent", "--num", "3"], "--num must be ≥ 4, got 3"),
        (["experiment", "/nonexistent.json", "--max-runs", "0"], "--max-runs must be ≥ 1, got 0"),
        (["experiment", "/nonexistent.json", "--seeds", "1,x"], "--seeds must be whole numbers separated by commas, got '1,x'"),
        (["sample", "--run", "/nonexistent", "--output", "/nonexistent.png", "--count", "0"], "--count must be ≥ 1, got 0"),
    ])
    func aWrongFlagIsRefusedBeforeAnythingIsReadWithItsCommandsUsage(arguments: [String], expected: String) throws {
        let result = try GankitProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.output.contains(expected), "\(result.output)")
        #expect(result.output.contains("Usage: gankit \(arguments[0])"), "\(result.output)")
    }

    /// An evaluation of more generated images than memory holds is refused before anything is
    /// allocated, naming the key or flag: in a configuration (`evaluation.num`, also with
    /// --dry-run) and in `gankit evaluate --num`.
    @Test func anEvaluationTooLargeForMemoryIsAnErrorNamingTheCount() throws {
        let config = GankitProcess.temporary("huge-evaluation.json")
        try Data(#"{"evaluation": {"every": 1, "num": 100000000000}, "iterations": 1}"#.utf8).write(to: config)
        let train = try GankitProcess.run(["train", "--config", config.path, "--output", GankitProcess.temporary("run").path, "--dry-run"])
        #expect(train.status == 1)
        #expect(train.output.contains("invalid value in evaluation.num: 100000000000 is too large: sampling 100000000000 images would need at least"),
                "\(train.output)")
        let run = try Self.trainedRun()
        let evaluate = try GankitProcess.run(["evaluate", "--fake", run.path, "--num", "100000000000"])
        #expect(evaluate.status == 1)
        #expect(evaluate.output.contains("invalid value in --num: 100000000000 is too large"), "\(evaluate.output)")
    }

    /// `gankit sample` names the PNG it cannot write, or the checkpoint it cannot read, with the
    /// system's reason.
    @Test func aSampleFileErrorIsOnePlainSentence() throws {
        let run = try Self.trainedRun()
        let folder = GankitProcess.temporary("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let onFolder = try GankitProcess.run(["sample", "--run", run.path, "--count", "1", "--output", folder.path])
        #expect(onFolder.status == 1)
        #expect(onFolder.output.contains("cannot write \(folder.path): Is a directory"), "\(onFolder.output)")
        let missing = folder.appendingPathComponent("missing/x.png")
        let inMissing = try GankitProcess.run(["sample", "--run", run.path, "--count", "1", "--output", missing.path])
        #expect(inMissing.output.contains("cannot write \(missing.path): No such file or directory"), "\(inMissing.output)")
        let notACheckpoint = try GankitProcess.run(["sample", "--run", run.path, "--checkpoint", folder.path, "--output", missing.path])
        #expect(notACheckpoint.output.contains("\(folder.path)/manifest.json: cannot read it: No such file or directory"), "\(notACheckpoint.output)")
        for result in [onFolder, inMissing, notACheckpoint] { #expect(!result.output.contains("NSCocoaErrorDomain") && !result.output.contains(".tmp-")) }
    }

    /// `gankit report` and `gankit experiment` name the file they cannot read or write, with the
    /// system's reason, never Foundation's NSCocoaErrorDomain dump; a report's missing output
    /// folder is created.
    @Test func reportAndExperimentFileErrorsAreOnePlainSentence() throws {
        let blocker = GankitProcess.temporary("plain-file")
        try Data("x".utf8).write(to: blocker)
        let results = GankitProcess.temporary("results.jsonl").path
        let unwritable = try GankitProcess.run(["report", results, "--output", blocker.appendingPathComponent("report.md").path])
        #expect(unwritable.status == 1)
        #expect(unwritable.output.contains("cannot write \(blocker.path)"), "\(unwritable.output)")
        let preamble = try GankitProcess.run(["report", results, "--preamble", "/nonexistent-preamble.md"])
        #expect(preamble.output.contains("cannot read /nonexistent-preamble.md: No such file or directory"), "\(preamble.output)")
        let folder = GankitProcess.temporary("report-folder")
        let made = try GankitProcess.run(["report", results, "--output", folder.appendingPathComponent("a/b/report.md").path])
        #expect(made.status == 0, "\(made.output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("a/b/report.md").path))
        let spec = try GankitProcess.run(["experiment", blocker.path, "--dry-run"])
        #expect(spec.output.contains("invalid value in \(blocker.path): not valid JSON at line 1, column 1"), "\(spec.output)")
        let missing = try GankitProcess.run(["experiment", "/nonexistent-spec.json", "--dry-run"])
        #expect(missing.output.contains("invalid value in /nonexistent-spec.json: cannot read the file: No such file or directory"), "\(missing.output)")
        for result in [unwritable, preamble, spec, missing] { #expect(!result.output.contains("NSCocoaErrorDomain") && !result.output.contains("DecodingError")) }
    }

    @Test func aZeroSampleCountInTheConfigurationIsAnErrorNotACrash() throws {
        let config = GankitProcess.temporary("count.json")
        try Data(#"{"output": {"sampleCount": 0}}"#.utf8).write(to: config)
        for extra in [[], ["--dry-run"]] {
            let result = try GankitProcess.run(["train", "--config", config.path, "--output", GankitProcess.temporary("run").path] + extra)
            #expect(result.status == 1)
            #expect(result.output.contains("invalid value in output.sampleCount: must be ≥ 1, got 0"), "\(result.output)")
        }
    }

    @Test func classesWithAFolderIsAnError() throws {
        let data = try TrainingRunTests.imageFolder(count: 1)
        let result = try GankitProcess.run(["train", "--data", data.path, "--classes", "3", "--dry-run"])
        #expect(result.status != 0)
        #expect(result.output.contains("--classes 3 applies to --data-source fashion-mnist only; the data source is folder (--data \(data.path))"),
                "\(result.output)")
    }

    @Test func dryRunChecksWhatTrainingChecks() throws {
        let missing = GankitProcess.temporary("no-data")
        let noData = try GankitProcess.run(["train", "--data", missing.path, "--dry-run", "--output", GankitProcess.temporary("run").path])
        #expect(noData.status == 1)
        #expect(noData.output.contains("image folder \(missing.path) does not exist or is not a directory"), "\(noData.output)")

        let data = try TrainingRunTests.imageFolder(count: 2)
        let badKind = try GankitProcess.run(["train", "--data", data.path, "--regularizer", "r2", "--dry-run",
                                             "--output", GankitProcess.temporary("run").path])
        #expect(badKind.output.contains("unknown kind 'r2' in regularizers[0]"), "\(badKind.output)")

        let occupied = GankitProcess.temporary("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: occupied.appendingPathComponent("config.json"))
        let refused = try GankitProcess.run(["train", "--data", data.path, "--dry-run", "--output", occupied.path])
        #expect(refused.output.contains("run folder \(occupied.path) already holds a run (config.json)"), "\(refused.output)")

        let fine = try GankitProcess.run(["train", "--data", data.path, "--width", "4", "--dry-run",
                                          "--output", GankitProcess.temporary("run").path])
        #expect(fine.status == 0, "\(fine.output)")
        #expect(fine.output.contains(#""generatorEMA" : 0.999"#))
    }

    /// A finished two-iteration run made through the command line.
    static func trainedRun() throws -> URL {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let run = GankitProcess.temporary("resume")
        let result = try GankitProcess.run(["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "2",
                                            "--checkpoint-every", "1", "--sample-every", "100", "--output", run.path])
        #expect(result.status == 0, "\(result.output)")
        return run
    }

    @Test func resumingRefusesFlagsThatChangeTheRunAndRecordsTheOnesThatDoNot() throws {
        let run = try Self.trainedRun()
        let configFile = run.appendingPathComponent("config.json")
        let before = try RunConfiguration.load(from: configFile)

        let hinge = try GankitProcess.run(["train", "--resume", run.path, "--iterations", "3", "--loss", "hinge"])
        #expect(hinge.status != 0)
        #expect(hinge.output.contains("--loss would change what the run in \(run.path) is: its loss is non-saturating, not hinge"), "\(hinge.output)")
        let width = try GankitProcess.run(["train", "--resume", run.path, "--width", "8"])
        #expect(width.output.contains("--width would change what the run in \(run.path) is: its model.width is 4, not 8"), "\(width.output)")
        let sgd = try GankitProcess.run(["train", "--resume", run.path, "--optimizer", "sgd:learningRate=0.01"])
        #expect(sgd.output.contains("--optimizer or --generator-optimizer would change what the run in \(run.path) is: its generatorOptimizer is "
                                    + "adam (learningRate 0.0002, betas [0.5, 0.999], epsilon 1e-08), not sgd (learningRate 0.01, momentum 0.0)"),
                "\(sgd.output)")
        #expect(try RunConfiguration.load(from: configFile) == before)

        let config = try GankitProcess.run(["train", "--resume", run.path, "--config", configFile.path])
        #expect(config.output.contains("--config \(configFile.path) does not apply to --resume: a resumed run reads its own \(run.path)/config.json"),
                "\(config.output)")

        for extra in [[], ["--dry-run"]] {
            let fewer = try GankitProcess.run(["train", "--resume", run.path, "--iterations", "1"] + extra)
            #expect(fewer.status == 1)
            #expect(fewer.output.contains("invalid value in iterations: the run to resume has done 2 iterations"), "\(fewer.output)")
            #expect(fewer.output.contains("more than the 1 asked for"))
        }

        let longer = try GankitProcess.run(["train", "--resume", run.path, "--iterations", "3", "--checkpoint-every", "3",
                                            "--loss", "non-saturating"])
        #expect(longer.status == 0, "\(longer.output)")
        let after = try RunConfiguration.load(from: configFile)
        #expect(after.iterations == 3 && after.output.checkpointEvery == 3)
        var expected = before
        expected.iterations = 3
        expected.output.checkpointEvery = 3
        #expect(after == expected)
    }

    @Test func samplingMoreImagesThanFitOrNoneIsAnErrorNamingCount() throws {
        let run = try Self.trainedRun()
        let png = GankitProcess.temporary("x.png").path
        let huge = try GankitProcess.run(["sample", "--run", run.path, "--count", "1000000000000", "--output", png])
        #expect(huge.status == 1)
        #expect(huge.output.contains("invalid value in --count: 1000000000000 is too large: sampling 1000000000000 images would need at least"),
                "\(huge.output)")
        let none = try GankitProcess.run(["sample", "--run", run.path, "--count", "0", "--output", png])
        #expect(none.output.contains("--count must be ≥ 1, got 0"), "\(none.output)")
    }

    @Test func anOutputThatCannotBeWrittenIsOnePlainSentence() throws {
        let file = GankitProcess.temporary("plain-file")
        try Data("x".utf8).write(to: file)
        let data = try TrainingRunTests.imageFolder(count: 2)
        let train = try GankitProcess.run(["train", "--data", data.path, "--width", "4", "--output", file.appendingPathComponent("run").path])
        #expect(train.status == 1)
        #expect(train.output.contains("cannot write \(file.appendingPathComponent("run").path): cannot create the directory: Not a directory"),
                "\(train.output)")
        #expect(!train.output.contains("NSCocoaErrorDomain"))

        let run = try Self.trainedRun()
        let png = GankitProcess.temporary("missing-folder").appendingPathComponent("x.png").path
        let sample = try GankitProcess.run(["sample", "--run", run.path, "--count", "4", "--output", png])
        #expect(sample.status == 1)
        #expect(sample.output.contains("cannot write \(png): No such file or directory"), "\(sample.output)")
        #expect(!sample.output.contains("NSCocoaErrorDomain"))
    }
}
