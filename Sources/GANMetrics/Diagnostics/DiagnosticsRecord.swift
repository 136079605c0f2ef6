/// The training diagnostics of one iteration, one line of `diagnostics.jsonl`. See
/// `docs/diagnostics.md` for each value's formula and source.
public struct DiagnosticsRecord: Codable, Equatable, Sendable {
    /// The generator steps completed when the values were measured.
    public var iteration: Int
    /// Perceptual narrowing: the mean connected-region ratio of the thresholded |∇ₓD| maps of
    /// the fixed real batch (`PerceptualNarrowing`).
    public var connectedRegionRatio: Double
    /// SD_k of ∇ₓD on the fixed real batch, finest scale first (`GradientSelfDissimilarity`).
    public var selfDissimilarity: [Double]
    /// Σ_k SD_k, the MS3D value.
    public var ms3d: Double
    /// Mean ‖∇ₓD‖₂ on the fixed reals and fakes, and DigGAN's gap R (`GradientGap`).
    public var realGradientNorm: Double
    public var fakeGradientNorm: Double
    public var gradientGap: Double
    /// tr F of D's diagonal Fisher information over the fixed reals and fakes (`FisherTrace`).
    public var fisherTrace: Double
    /// The mean pairwise cosine similarity of D's penultimate features on the fixed reals
    /// (`EmbeddingSimilarity`).
    public var featureCosineSimilarity: Double
    /// Mean D(x) on the fixed batch of training reals.
    public var trainingRealOutput: Double
    /// Mean D(x) on the held-out reals; nil when no images are held out.
    public var heldOutRealOutput: Double?

    public init(iteration: Int, connectedRegionRatio: Double, selfDissimilarity: [Double], realGradientNorm: Double,
                fakeGradientNorm: Double, gradientGap: Double, fisherTrace: Double, featureCosineSimilarity: Double,
                trainingRealOutput: Double, heldOutRealOutput: Double?) {
        self.iteration = iteration
        self.connectedRegionRatio = connectedRegionRatio
        self.selfDissimilarity = selfDissimilarity
        self.ms3d = selfDissimilarity.reduce(0, +)
        self.realGradientNorm = realGradientNorm
        self.fakeGradientNorm = fakeGradientNorm
        self.gradientGap = gradientGap
        self.fisherTrace = fisherTrace
        self.featureCosineSimilarity = featureCosineSimilarity
        self.trainingRealOutput = trainingRealOutput
        self.heldOutRealOutput = heldOutRealOutput
    }
}
