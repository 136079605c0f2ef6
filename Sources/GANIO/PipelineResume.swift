import Foundation
import GANCore

extension TrainingPipeline {
    /// Continues a run composed in Swift from its folder: restores this pipeline from the
    /// latest complete checkpoint a `Checkpointer` wrote in `runDirectory` and returns that
    /// checkpoint's folder, or returns nil and leaves the pipeline as it is when the folder
    /// holds no checkpoint yet (so one program both starts a run and continues it).
    ///
    /// The pipeline must be built as the run's was (the same models, components, options and
    /// seed); the checkpoint then replaces every weight, optimiser moment, EMA average, counter,
    /// random source and component state, and `train(on:iterations:observers:)` to the run's
    /// target goes on bit-identically to an uninterrupted run (docs/checkpoint-format.md). A
    /// checkpoint of other models is an error naming the tensor that does not fit.
    @discardableResult
    public func resumeFromLatestCheckpoint(in runDirectory: URL) throws -> URL? {
        guard let latest = Checkpoint.latest(in: runDirectory) else { return nil }
        try restore(try Checkpoint.load(from: latest))
        return latest
    }

    /// `resumeFromLatestCheckpoint(in:)` for the run directory at `path`, as `Checkpointer(_:every:)`
    /// names it.
    @discardableResult
    public func resumeFromLatestCheckpoint(in path: String) throws -> URL? {
        try resumeFromLatestCheckpoint(in: URL(fileURLWithPath: path))
    }
}
