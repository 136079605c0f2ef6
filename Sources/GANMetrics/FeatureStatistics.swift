import GANCore

/// The Gaussian that FID fits to a feature set: the mean and covariance of its rows, in Float64
/// with numpy's N − 1 normalisation (pytorch-fid's `np.mean(act, axis=0)` and
/// `np.cov(act, rowvar=False)`).
public struct FeatureStatistics: Sendable {
    /// Number of feature vectors N the statistics were computed from.
    public let count: Int
    /// μ, one entry per feature dimension.
    public let mean: [Double]
    /// Σ, D×D.
    public let covariance: DoubleMatrix

    /// The statistics of `features`, [N, D] with N ≥ 2.
    public init(features: Tensor) {
        precondition(features.rank == 2 && features.shape[0] >= 2,
                     "FeatureStatistics: needs an [N, D] feature matrix with N ≥ 2, got shape \(features.shape)")
        (mean, covariance) = features.meanAndCovariance()
        count = features.shape[0]
    }
}
