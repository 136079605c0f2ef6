/// What `TrainingPipeline` does when a value of a training step is NaN or infinite
/// (`docs/reliability.md`, "Non-finite values").
///
/// Either way the value is caught where it starts — D's output, the adversarial loss, a
/// regularizer's penalty, a gradient, an updated parameter, the optimiser's state or a buffer — and no
/// observer sees a state that holds it, so no checkpoint stores one.
public enum NonFinitePolicy: String, Codable, CaseIterable, Sendable {
    /// Stop training with `GANCoreError.nonFinite`, naming the value, the step and the
    /// iteration; the iteration's statistics are not reported and nothing of it is saved, so
    /// the last checkpoint stays the last good state.
    case stop
    /// Undo the step — the updated network's parameters, its optimiser state, both networks'
    /// buffers and the components' states go back to what they were before it — and go on. The
    /// step's random draws and images stay consumed, so the next step sees new ones; the
    /// iteration still counts. `StepStatistics.skipped` says why, and
    /// `StepStatistics.skippedSteps` counts the skips of the run.
    case skip
}
