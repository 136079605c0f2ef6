/// Watches a training run: progress display, stats log, sample grids, charts, checkpoints.
/// Every method has a default that does nothing.
public protocol TrainingObserver: AnyObject {
    /// Before the first iteration of `train`; `totalIterations` is the target iteration count.
    func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws
    /// After every iteration.
    func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws
    /// After the last iteration.
    func trainingDidFinish(_ pipeline: TrainingPipeline) throws
}

extension TrainingObserver {
    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {}
    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {}
    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {}
}
