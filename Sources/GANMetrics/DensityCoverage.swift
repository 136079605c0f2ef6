import GANCore

/// Density and coverage (Naeem, Oh, Uh, Choi & Yoo 2020, "Reliable Fidelity and Diversity
/// Metrics for Generative Models", ICML, arXiv:2002.09797), as their `prdc` package's
/// `compute_prdc` computes them: with the real k-NN balls B(xᵢ, rᵢ) of `NearestNeighbourBalls`,
///
///     density  = (1/(kM)) Σⱼ Σᵢ 1[‖yⱼ − xᵢ‖ < rᵢ]       (how many real balls hold each fake)
///     coverage = (1/N) Σᵢ 1[minⱼ ‖xᵢ − yⱼ‖ < rᵢ]          (real balls holding at least one fake)
///
/// for N real vectors xᵢ and M fake vectors yⱼ; k = 3 by default (the paper recommends k = 5
/// with M = N = 10 000 on VGG-16 features; k = 3 matches StudioGAN and precision/recall here).
/// Density is unbounded above (1 when fakes are distributed like the reals).
public struct DensityCoverage: Sendable, Equatable {
    /// The mean number of real balls holding a fake vector, divided by k.
    public let density: Double
    /// The fraction of real balls that hold at least one fake vector.
    public let coverage: Double

    /// Density and coverage from precomputed balls.
    public init(_ balls: NearestNeighbourBalls) {
        let (n, m) = (balls.realCount, balls.fakeCount)
        var inside = 0
        var covered = 0
        balls.realFakeDistances.values.withUnsafeBufferPointer { d in
            for i in 0..<n {
                let radius = balls.realRadii[i]
                var nearest = Double.infinity
                for j in 0..<m {
                    let distance = d[i * m + j]
                    if distance < radius { inside += 1 }
                    nearest = Swift.min(nearest, distance)
                }
                if nearest < radius { covered += 1 }
            }
        }
        density = Double(inside) / (Double(balls.k) * Double(m))
        coverage = Double(covered) / Double(n)
    }

    /// Density and coverage of two [N, D] feature matrices with k-NN balls of rank `k`.
    public init(real: Tensor, fake: Tensor, k: Int = 3) {
        self.init(NearestNeighbourBalls(real: real, fake: fake, k: k))
    }
}
