import GANCore

/// Keeps the statistics of every iteration.
final class StatisticsRecorder: TrainingObserver {
    private(set) var statistics: [StepStatistics] = []
    func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws { statistics.append(s.withoutTiming) }
}
