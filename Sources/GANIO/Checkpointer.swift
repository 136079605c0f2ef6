import Foundation
import GANCore

/// Saves the whole training state (`TrainingPipeline.snapshot()`) every `every` iterations and
/// when training finishes, as `<directory>/checkpoints/iter-000500/` in the format of
/// `Checkpoint` (docs/checkpoint-format.md), keeping the newest `keep`.
///
/// When training starts it tidies what a killed run can leave behind (`tidy()`): unfinished
/// `<name>.tmp-<pid>` folders, a displaced `<name>.old-<pid>`, and checkpoints beyond `keep`.
/// It expects to be the only writer of the folder (a `RunLock` makes sure of that).
///
/// To resume: build the pipeline from the same configuration, then
/// `try pipeline.restore(Checkpoint.load(from: Checkpoint.latest(in: run)!))` and train on to
/// the target iteration; the run continues bit-identically.
public final class Checkpointer: TrainingObserver {
    /// The run directory.
    public let directory: URL
    /// Iterations between checkpoints.
    public let every: Int
    /// How many complete checkpoints to keep; older ones are deleted after each save.
    public let keep: Int
    private var lastSaved: Int?

    /// - Parameters:
    ///   - directory: the run directory; checkpoints go to its `checkpoints` folder.
    ///   - every: iterations between checkpoints (≥ 1).
    ///   - keep: complete checkpoints to keep (≥ 1).
    public init(directory: URL, every: Int, keep: Int = 3) {
        precondition(every >= 1, "Checkpointer: every must be ≥ 1, got \(every)")
        precondition(keep >= 1, "Checkpointer: keep must be ≥ 1, got \(keep)")
        self.directory = directory
        self.every = every
        self.keep = keep
    }

    /// A checkpointer for the run directory at `path`.
    public convenience init(_ path: String, every: Int, keep: Int = 3) {
        self.init(directory: URL(fileURLWithPath: path), every: every, keep: keep)
    }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        try tidy()
    }

    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {
        if statistics.iteration % every == 0 { try save(pipeline) }
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {
        if lastSaved != pipeline.iteration { try save(pipeline) }
    }

    /// Writes a checkpoint of `pipeline` now, then deletes the oldest complete checkpoints
    /// beyond `keep` (never the one just written, even when a resumed run wrote a lower
    /// iteration than checkpoints already there).
    public func save(_ pipeline: TrainingPipeline) throws {
        let folder = directory.appendingPathComponent(Checkpoint.folderName)
        let url = folder.appendingPathComponent(Checkpoint.directoryName(iteration: pipeline.iteration))
        try Checkpoint.write(pipeline.snapshot(), to: url)
        lastSaved = pipeline.iteration
        let others = Checkpoint.complete(in: directory).filter { $0.iteration != pipeline.iteration }
        try delete(others.dropLast(keep - 1).map(\.url), what: "an old checkpoint")
    }

    /// Cleans the checkpoints folder after an interrupted run: `recoverInterruptedWrite()`, then
    /// deletes the oldest complete checkpoints beyond `keep`.
    public func tidy() throws {
        try recoverInterruptedWrite()
        try delete(Checkpoint.complete(in: directory).dropLast(keep).map(\.url), what: "an old checkpoint")
    }

    /// Undoes what a kill inside `Checkpoint.write` leaves: deletes every unfinished
    /// `iter-<n>.tmp-<pid>` folder, and puts a displaced `iter-<n>.old-<pid>` back when its
    /// replacement never arrived (else deletes it). Call it, holding the run's lock, before
    /// choosing the checkpoint to resume from, so that a moved-aside latest checkpoint counts.
    public func recoverInterruptedWrite() throws {
        let folder = directory.appendingPathComponent(Checkpoint.folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var stale: [URL] = []
        for name in names.sorted() {
            guard let (final, kind) = Checkpoint.leftover(name) else { continue }
            let url = folder.appendingPathComponent(name)
            let target = folder.appendingPathComponent(final)
            if kind == "old", !FileManager.default.fileExists(atPath: target.path) {
                try AtomicFile.rename(url, to: target)
            } else {
                stale.append(url)
            }
        }
        try delete(stale, what: "an unfinished checkpoint")
    }

    private func delete(_ urls: [URL], what: String) throws {
        for url in urls {
            do { try FileManager.default.removeItem(at: url) } catch {
                throw GANIOError.writeFailed(path: url.path, reason: "cannot delete \(what): \(error.localizedDescription)")
            }
        }
    }
}
