import Foundation
import GANCore

/// Saves the whole training state (`TrainingPipeline.snapshot()`) every `every` iterations and
/// when training finishes, as `<directory>/checkpoints/iter-000500/` in the format of
/// `Checkpoint` (docs/checkpoint-format.md), keeping the newest `keep`.
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
        for old in others.dropLast(keep - 1) {
            do { try FileManager.default.removeItem(at: old.url) } catch {
                throw GANIOError.writeFailed(path: old.url.path, reason: "cannot delete an old checkpoint: \(error.localizedDescription)")
            }
        }
    }
}
