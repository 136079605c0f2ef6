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
    /// Mean D(G(z)) on the fixed fakes, and `trainingRealOutput − fakeOutput`, D(x) − D(G(z)):
    /// near 0 when D is at chance (issue 12's criterion for "MS3D trains"). Nil in records
    /// written before GANKit measured them.
    public var fakeOutput: Double?
    public var outputGap: Double?
    /// ‖∇θ P_r‖ / ‖∇θ L_D‖ per discriminator regularizer, by name (`PenaltyGradientRatio`); nil
    /// when the measurement had no pipeline, empty when it has no such regularizer.
    public var penaltyGradientRatio: [String: Double]?
    /// MS3D's normalisation on the fixed reals' ∇ₓD: (max − min)/std of the normalised field
    /// and the share of the penalty's gradient mass at the arg-max/arg-min
    /// (`NormalisationExtremes`).
    public var fieldRangeOverStd: Double?
    public var fieldExtremeShare: Double?

    public init(iteration: Int, connectedRegionRatio: Double, selfDissimilarity: [Double], realGradientNorm: Double,
                fakeGradientNorm: Double, gradientGap: Double, fisherTrace: Double, featureCosineSimilarity: Double,
                trainingRealOutput: Double, heldOutRealOutput: Double?, fakeOutput: Double? = nil,
                penaltyGradientRatio: [String: Double]? = nil, extremes: NormalisationExtremes? = nil) {
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
        self.fakeOutput = fakeOutput
        self.outputGap = fakeOutput.map { trainingRealOutput - $0 }
        self.penaltyGradientRatio = penaltyGradientRatio
        self.fieldRangeOverStd = extremes?.rangeOverStd
        self.fieldExtremeShare = extremes?.extremeShare
    }
}
