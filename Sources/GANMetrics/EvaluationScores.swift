import GANCore

/// Every score `gankit evaluate` reports for a real and a fake image set, computed from their
/// Inception features: FID (`FrechetInceptionDistance`), KID with its spread over subsets
/// (`KernelInceptionDistance`), precision and recall (`PrecisionRecall`), density and coverage
/// (`DensityCoverage`). Encoded as JSON with the keys `fid`, `kid`, `kid_std`, `precision`,
/// `recall`, `density`, `coverage`, `num_real`, `num_fake`.
public struct EvaluationScores: Codable, Equatable, Sendable {
    public var fid: Double
    public var kid: Double
    public var kidStandardDeviation: Double
    public var precision: Double
    public var recall: Double
    public var density: Double
    public var coverage: Double
    public var realCount: Int
    public var fakeCount: Int

    enum CodingKeys: String, CodingKey {
        case fid, kid, kidStandardDeviation = "kid_std", precision, recall, density, coverage
        case realCount = "num_real", fakeCount = "num_fake"
    }

    /// The scores of two [N, D] feature matrices: `kid` sets KID's subsets, `k` the neighbour
    /// rank of precision/recall/density/coverage (3, see `NearestNeighbourBalls`). Each set needs
    /// more than `k` vectors (and at least 2).
    public init(real: Tensor, fake: Tensor, kid kidEstimator: KernelInceptionDistance = KernelInceptionDistance(), k: Int = 3) throws(LinearAlgebraError) {
        fid = try FrechetInceptionDistance.distance(real, fake)
        let estimate = kidEstimator.estimate(real: real, fake: fake)
        kid = estimate.mean
        kidStandardDeviation = estimate.standardDeviation
        let balls = NearestNeighbourBalls(real: real, fake: fake, k: k)
        let pr = PrecisionRecall(balls), dc = DensityCoverage(balls)
        (precision, recall, density, coverage) = (pr.precision, pr.recall, dc.density, dc.coverage)
        (realCount, fakeCount) = (real.shape[0], fake.shape[0])
    }
}

extension EvaluationScores {
    /// The scores as a training run records them in its statistics' `metrics`: `fid`, `kid` and
    /// `kid.std` (one chart panel), and `prdc.precision`, `prdc.recall`, `prdc.density`,
    /// `prdc.coverage` (another).
    public var metrics: [String: Double] {
        ["fid": fid, "kid": kid, "kid.std": kidStandardDeviation, "prdc.precision": precision, "prdc.recall": recall,
         "prdc.density": density, "prdc.coverage": coverage]
    }
}
