/// Watches a training run: progress display, stats log, sample grids, charts, checkpoints.
/// Every method has a default that does nothing.
public protocol TrainingObserver: AnyObject {
    /// Before the first iteration of `train`; `totalIterations` is the target iteration count.
    func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws
    /// After every iteration, before any observer's `iterationDidFinish`: adds what this
    /// observer measured (an evaluation's FID, a diagnostic) to the iteration's `metrics`, so
    /// the stats log, the progress line and the charts all see it. Observers annotate in order.
    func annotate(_ statistics: inout StepStatistics, pipeline: TrainingPipeline) throws
    /// After every iteration.
    func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws
    /// After the last iteration.
    func trainingDidFinish(_ pipeline: TrainingPipeline) throws
}

extension TrainingObserver {
    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {}
    public func annotate(_ statistics: inout StepStatistics, pipeline: TrainingPipeline) throws {}
    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {}
    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {}
}
