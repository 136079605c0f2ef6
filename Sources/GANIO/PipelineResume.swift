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
    /// checkpoint of other models is an error naming the tensor that does not fit. A checkpoint
    /// written with other OpenBLAS kernels is restored too, and one line on standard output says
    /// so (`resume(fromCheckpoint:)`).
    @discardableResult
    public func resumeFromLatestCheckpoint(in runDirectory: URL) throws -> URL? {
        guard let latest = Checkpoint.latest(in: runDirectory) else { return nil }
        try resume(fromCheckpoint: latest)
        return latest
    }

    /// Restores this pipeline from the checkpoint folder `checkpoint` to continue its run. When
    /// the checkpoint was written with other OpenBLAS kernels than this process's, prints
    /// `Checkpoint.kernelsNotice` (on rank 0 of a data-parallel group only): the run continues
    /// correctly, but not bit-identically to an uninterrupted one. Returns that line (nil when
    /// the kernels are the same or the checkpoint has no record of them), for a program that
    /// logs elsewhere.
    @discardableResult
    public func resume(fromCheckpoint checkpoint: URL) throws -> String? {
        let snapshot = try Checkpoint.load(from: checkpoint)
        try restore(snapshot)
        let notice = Checkpoint.kernelsNotice(checkpoint: checkpoint, written: snapshot.metadata.kernels, current: OpenBLASKernels.coreName)
        if let notice, configuration.dataParallel.map({ $0.rank == 0 }) ?? true { print(notice) }
        return notice
    }

    /// `resumeFromLatestCheckpoint(in:)` for the run directory at `path`, as `Checkpointer(_:every:)`
    /// names it.
    @discardableResult
    public func resumeFromLatestCheckpoint(in path: String) throws -> URL? {
        try resumeFromLatestCheckpoint(in: URL(fileURLWithPath: path))
    }
}
