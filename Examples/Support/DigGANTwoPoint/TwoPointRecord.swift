/// One line of the two-point experiment's results file (JSON Lines): one training run of one
/// of the paper's four experiments from one random start.
public struct TwoPointRecord: Codable, Equatable, Sendable {
    /// 1 (vanilla from a random start), 2 (vanilla from the trapped D₁ plus noise), 3 (DigGAN
    /// from experiment 1's start) or 4 (from D₂ trained to optimality against the trapped G₂).
    public var experiment: Int
    /// "vanilla" or "diggan".
    public var variant: String
    /// The seed of the random start (G₀, D₀, latents).
    public var seed: UInt64
    /// The reading of the unstated settings, e.g. "adam-1:1" (`TwoPointSetup.reading`).
    public var reading: String
    public var setup: TwoPointSetup
    /// What the run started from, e.g. "G₀, D₀" or "G₁, D₁ + N(0, 0.1)".
    public var startState: String
    /// Experiment 2: the variance of the noise added to D₁'s parameters.
    public var noiseVariance: Float?
    /// Experiment 4: the D steps taken to train D₂ and the |gradient-norm gap| it reached.
    public var optimalitySteps: Int?
    public var optimalityGap: Float?
    /// The generated points at the start and at the end of the run.
    public var startPoints: [Float]
    public var finalPoints: [Float]
    /// Per real point, whether a generated point ends within the tolerance; and whether each
    /// real point has its own (`TwoPointCoverage`).
    public var covered: [Bool]
    public var coversBoth: Bool
    public var tolerance: Float
    /// The largest gradient gap R (eq. 2) recorded during the run, and its value at the end.
    public var maxGap: Float
    public var finalGap: Float
    public var seconds: Double
    /// The commit the example was built from (`+dirty` when tracked files differed from it).
    public var gitCommit: String
    public var command: String
}
