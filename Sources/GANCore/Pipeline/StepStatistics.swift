/// What one training iteration (n D steps and one G step) did: the line written to
/// `stats.jsonl` and shown by the console progress.
public struct StepStatistics: Codable, Equatable, Sendable {
    /// Generator steps completed, counting this one.
    public var iteration: Int
    /// Thousands of real images shown to D so far (StyleGAN's kimg).
    public var kimg: Double
    /// D's loss (adversarial part, last D step of the iteration).
    public var discriminatorLoss: Double
    /// G's loss (adversarial part).
    public var generatorLoss: Double
    /// Mean D logit on the (augmented) reals and fakes of the last D step.
    public var realLogitMean: Double
    public var fakeLogitMean: Double
    /// Fraction of reals with positive logit, ADA's overfitting heuristic r_t = E[sign D(x)]
    /// mapped to [0, 1].
    public var realAccuracy: Double
    /// Each regularizer's penalty (before gain) on the steps it ran.
    public var penalties: [String: Double]
    /// Other values components logged (ADA's p, MS3D's per-scale SD, …).
    public var metrics: [String: Double]
    /// Wall time of the iteration in seconds (not part of reproducibility comparisons).
    public var seconds: Double
    /// The steps of this iteration undone for a non-finite value (`NonFinitePolicy.skip`),
    /// each with the value that caused it; absent when none was.
    public var skipped: [String]?
    /// Steps undone for a non-finite value since the run began; absent while there are none.
    public var skippedSteps: Int?

    /// The statistics without timing, for bit-exact comparisons between runs.
    public var withoutTiming: StepStatistics {
        var copy = self
        copy.seconds = 0
        return copy
    }
}
