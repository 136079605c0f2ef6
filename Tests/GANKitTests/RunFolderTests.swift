import Foundation
import GANKit
import Testing

/// One run per folder: a training run holds the folder's lock, a new run refuses a folder that
/// holds an old one, and `overwrite` clears the old run's files first.
@Suite struct RunFolderTests {
    init() { GANKit.registerBuiltins() }

    static func fresh() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gankit-folder-\(UUID().uuidString)")
    }

    static var quiet: ConsoleProgress { ConsoleProgress(every: 1000, isTerminal: false) { _ in } }

    @Test func trainingIntoAHeldFolderFailsAtOnceNamingTheHoldersPid() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = Self.fresh()
        let held = try RunLock(directory: output)
        let run = try TrainingRun(TrainingRunTests.configuration(data: data, output: output, iterations: 1))
        #expect {
            try run.train(progress: Self.quiet)
        } throws: { String(describing: $0).contains(output.path) && String(describing: $0).contains("process \(getpid())") }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("config.json").path))
        held.release()
        try run.train(progress: Self.quiet)
        #expect(Checkpoint.latest(in: output) != nil)
    }

    @Test func aNewRunRefusesAFolderThatHoldsARun() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = Self.fresh()
        let c = TrainingRunTests.configuration(data: data, output: output, iterations: 1)
        try TrainingRun(c).train(progress: Self.quiet)
        #expect {
            try TrainingRun(c).train(progress: Self.quiet)
        } throws: { error in
            guard case .occupied(let folder, let found) = error as? RunFolderError else { return false }
            return folder == output.path && found == ["config.json", "stats.jsonl", "checkpoints"]
                && String(describing: error).contains("--overwrite")
        }
        // Resuming the same folder is allowed.
        var longer = c
        longer.iterations = 2
        try TrainingRun(longer).train(resumingFrom: Checkpoint.latest(in: output), progress: Self.quiet)
        #expect(Checkpoint.latest(in: output)?.lastPathComponent == "iter-000002")
    }

    @Test func overwriteClearsTheOldRunAndKeepsOtherFiles() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = Self.fresh()
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: 3)
        try TrainingRun(c).train(progress: Self.quiet)
        let notes = output.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: notes)

        let lock = try RunFolder.claim(output, existing: .overwrite)
        for name in RunFolder.runFiles {
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(name).path), "\(name) left")
        }
        #expect(FileManager.default.fileExists(atPath: notes.path))
        c.iterations = 1
        try TrainingRun(c).train(progress: Self.quiet, lock: lock)
        #expect(Checkpoint.complete(in: output).map(\.iteration) == [1])
        #expect(try StatsLog.read(output.appendingPathComponent("stats.jsonl")).count == 1)
    }

    @Test func aLockOnAnotherFolderIsRefused() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let other = try RunLock(directory: Self.fresh())
        let output = Self.fresh()
        #expect {
            try TrainingRun(TrainingRunTests.configuration(data: data, output: output, iterations: 1)).train(progress: Self.quiet, lock: other)
        } throws: { String(describing: $0).contains(other.directory.path) && String(describing: $0).contains(output.path) }
    }
}
