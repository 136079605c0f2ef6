import GANCore

/// The mean pairwise cosine similarity of D's penultimate features on real images — the MS3D
/// paper's "narrowing of the embedding space" (Wang et al., ICML 2024, section 5 "Embedding
/// space", Fig. 8c, and Appendix A.3, Fig. 12): with D as a feature extractor,
///
///     s = 2/(N(N − 1)) · Σ_{i<j} ⟨f_i, f_j⟩ / (‖f_i‖·‖f_j‖),
///
/// over the N real images' features f = `Discriminator.features(x)`. A rising s means D maps the
/// reals into a narrower cone. A pair with an all-zero feature vector (possible after a ReLU)
/// has no direction and counts as similarity 0.
public enum EmbeddingSimilarity {
    /// s of the rows of `features` [N, F], N ≥ 2.
    public static func meanPairwiseCosine(_ features: Tensor) -> Double {
        precondition(features.rank == 2 && features.shape[0] >= 2,
                     "EmbeddingSimilarity: need [N, F] features of at least two images, got \(features.shape)")
        let (n, width) = (features.shape[0], features.shape[1])
        let values = features.scalars.map(Double.init)
        let rows = (0..<n).map { i -> [Double] in
            let row = values[(i * width)..<((i + 1) * width)]
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? row.map { $0 / norm } : Array(repeating: 0, count: width)
        }
        var total = 0.0
        for i in 0..<n {
            for j in (i + 1)..<n { total += zip(rows[i], rows[j]).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        return total / Double(n * (n - 1) / 2)
    }
}
