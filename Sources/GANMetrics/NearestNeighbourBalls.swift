import GANCore

/// The k-nearest-neighbour balls that precision/recall (Kynkäänniemi et al. 2019) and
/// density/coverage (Naeem et al. 2020) estimate the real and fake manifolds with: around each
/// feature vector, the ball whose radius is the distance to its k-th nearest neighbour in the
/// same set, as the official `prdc` package's `compute_nearest_neighbour_distances` computes it
/// (the (k+1)-th smallest distance in the row, the point itself at distance 0 included).
///
/// Distances are Euclidean, computed as squared distances in Float64
/// (`DoubleMatrix.squaredDistances`); every comparison prdc makes is a strict `<` between
/// distances, which squaring preserves. k = 3 is the default of both papers' code releases
/// (and of StudioGAN's `prdc` evaluation).
public struct NearestNeighbourBalls: Sendable {
    /// The neighbour rank that sets each radius.
    public let k: Int
    /// Number of real and fake vectors.
    public let realCount: Int, fakeCount: Int
    /// Squared radius of the ball around each real vector.
    public let realRadii: [Double]
    /// Squared radius of the ball around each fake vector.
    public let fakeRadii: [Double]
    /// Squared distance between real vector i and fake vector j at (i, j).
    public let realFakeDistances: DoubleMatrix

    /// The balls of two [N, D] feature matrices; each set needs more than k vectors.
    public init(real: Tensor, fake: Tensor, k: Int = 3) {
        precondition(k >= 1, "NearestNeighbourBalls: k must be ≥ 1, got \(k)")
        precondition(real.rank == 2 && fake.rank == 2 && real.shape[1] == fake.shape[1],
                     "NearestNeighbourBalls: needs [N, D] features of equal D, got \(real.shape) and \(fake.shape)")
        precondition(real.shape[0] > k && fake.shape[0] > k,
                     "NearestNeighbourBalls: k = \(k) needs more than \(k) vectors per set, got \(real.shape[0]) real and \(fake.shape[0]) fake")
        let x = DoubleMatrix(real), y = DoubleMatrix(fake)
        self.k = k
        realCount = x.rows
        fakeCount = y.rows
        realRadii = Self.kthNeighbourRadii(DoubleMatrix.squaredDistances(within: x), k: k)
        fakeRadii = Self.kthNeighbourRadii(DoubleMatrix.squaredDistances(within: y), k: k)
        realFakeDistances = DoubleMatrix.squaredDistances(x, y)
    }

    /// The (k+1)-th smallest entry of each row (the k-th neighbour when the diagonal is 0).
    static func kthNeighbourRadii(_ distances: DoubleMatrix, k: Int) -> [Double] {
        distances.values.withUnsafeBufferPointer { v in
            (0..<distances.rows).map { r in
                var smallest = [Double](repeating: .infinity, count: k + 1)  // ascending
                for c in 0..<distances.columns {
                    let value = v[r * distances.columns + c]
                    guard value < smallest[k] else { continue }
                    var i = k
                    while i > 0 && smallest[i - 1] > value { smallest[i] = smallest[i - 1]; i -= 1 }
                    smallest[i] = value
                }
                return smallest[k]
            }
        }
    }
}
