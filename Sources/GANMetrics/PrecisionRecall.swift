import GANCore

/// Improved precision and recall (Kynkäänniemi, Karras, Laine, Lehtinen & Aila 2019, "Improved
/// Precision and Recall Metric for Assessing Generative Models", NeurIPS, arXiv:1904.06991),
/// as the `prdc` package's `compute_prdc` computes them: with B(v, r) the k-NN balls of
/// `NearestNeighbourBalls`,
///
///     precision = (1/M) Σⱼ 1[∃ i: ‖yⱼ − xᵢ‖ < rᵢ]     (fake yⱼ inside some real ball)
///     recall    = (1/N) Σᵢ 1[∃ j: ‖xᵢ − yⱼ‖ < sⱼ]     (real xᵢ inside some fake ball)
///
/// for N real vectors xᵢ with radii rᵢ and M fake vectors yⱼ with radii sⱼ; k = 3 by default.
/// The paper (and stylegan2-ada) computes this on VGG-16 features; GANKit, like StudioGAN,
/// uses the Inception features FID is computed on, so values are comparable only with numbers
/// computed the same way.
public struct PrecisionRecall: Sendable, Equatable {
    /// The fraction of fake vectors inside the real manifold estimate.
    public let precision: Double
    /// The fraction of real vectors inside the fake manifold estimate.
    public let recall: Double

    /// Precision and recall from precomputed balls.
    public init(_ balls: NearestNeighbourBalls) {
        let (n, m) = (balls.realCount, balls.fakeCount)
        var fakeCovered = [Bool](repeating: false, count: m)
        var realCovered = [Bool](repeating: false, count: n)
        balls.realFakeDistances.values.withUnsafeBufferPointer { d in
            for i in 0..<n {
                for j in 0..<m {
                    let distance = d[i * m + j]
                    if distance < balls.realRadii[i] { fakeCovered[j] = true }
                    if distance < balls.fakeRadii[j] { realCovered[i] = true }
                }
            }
        }
        precision = Double(fakeCovered.filter { $0 }.count) / Double(m)
        recall = Double(realCovered.filter { $0 }.count) / Double(n)
    }

    /// Precision and recall of two [N, D] feature matrices with k-NN balls of rank `k`.
    public init(real: Tensor, fake: Tensor, k: Int = 3) {
        self.init(NearestNeighbourBalls(real: real, fake: fake, k: k))
    }
}
