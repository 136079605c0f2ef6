import GANCore

/// Fréchet Inception Distance (Heusel, Ramsauer, Unterthiner, Nessler & Hochreiter 2017, "GANs
/// Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS,
/// arXiv:1706.08500): the Fréchet (2-Wasserstein) distance between Gaussians fitted to the
/// Inception features of two image sets,
///
///     FID = ‖μ₁ − μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr((Σ₁Σ₂)^½)
///
/// as pytorch-fid's `calculate_frechet_distance` computes it, on Float64 statistics
/// (`FeatureStatistics`). pytorch-fid takes Tr((Σ₁Σ₂)^½) from `scipy.linalg.sqrtm` of the
/// non-symmetric product; here it comes from symmetric eigendecompositions, which give the same
/// trace for covariance matrices and stay real when N < D makes them singular:
///
///     √Σ₁ = V diag(√max(λ, 0)) Vᵀ  from Σ₁ = V diag(λ) Vᵀ,
///     Tr((Σ₁Σ₂)^½) = Σᵢ √max(νᵢ, 0)  over the eigenvalues νᵢ of √Σ₁ Σ₂ √Σ₁,
///
/// since Σ₁Σ₂ = √Σ₁ (√Σ₁ Σ₂ √Σ₁) √Σ₁⁻¹ is similar to the symmetric positive semidefinite
/// √Σ₁ Σ₂ √Σ₁. Eigenvalues below 0 are round-off and are clipped.
public enum FrechetInceptionDistance {
    /// The FID between two feature sets given by their statistics.
    public static func distance(_ a: FeatureStatistics, _ b: FeatureStatistics) throws(LinearAlgebraError) -> Double {
        precondition(a.mean.count == b.mean.count, "FrechetInceptionDistance: \(a.mean.count)- and \(b.mean.count)-dimensional features")
        var meanTerm = 0.0
        for (x, y) in zip(a.mean, b.mean) { meanTerm += (x - y) * (x - y) }
        return meanTerm + a.covariance.trace + b.covariance.trace - 2 * (try traceOfSquareRootOfProduct(a.covariance, b.covariance))
    }

    /// The FID between the rows of two [N, D] feature matrices (N ≥ 2 each).
    public static func distance(_ a: Tensor, _ b: Tensor) throws(LinearAlgebraError) -> Double {
        try distance(FeatureStatistics(features: a), FeatureStatistics(features: b))
    }

    /// Tr((Σ₁Σ₂)^½) for symmetric positive semidefinite Σ₁, Σ₂, by the eigenvalues of √Σ₁ Σ₂ √Σ₁.
    public static func traceOfSquareRootOfProduct(_ s1: DoubleMatrix, _ s2: DoubleMatrix) throws(LinearAlgebraError) -> Double {
        let root = try symmetricSquareRoot(s1)
        let inner = DoubleMatrix.product(DoubleMatrix.product(root, s2), root)
        return try SymmetricEigendecomposition(inner, vectors: false).values.reduce(0) { $0 + Swift.max($1, 0).squareRoot() }
    }

    /// √S = V diag(√max(λ, 0)) Vᵀ for a symmetric positive semidefinite S = V diag(λ) Vᵀ.
    static func symmetricSquareRoot(_ s: DoubleMatrix) throws(LinearAlgebraError) -> DoubleMatrix {
        let e = try SymmetricEigendecomposition(s)
        let v = e.vectors!
        var scaled = v
        let n = s.rows
        for j in 0..<n {
            let root = Swift.max(e.values[j], 0).squareRoot()
            for i in 0..<n { scaled[i, j] *= root }
        }
        return DoubleMatrix.product(scaled, v, transposeB: true)
    }
}
