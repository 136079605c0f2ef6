import GANCore

/// Kernel Inception Distance (Bińkowski, Sutherland, Arbel & Gretton 2018, "Demystifying MMD
/// GANs", ICLR, arXiv:1801.01401): the squared maximum mean discrepancy between the Inception
/// features of two image sets under the cubic polynomial kernel
///
///     k(x, y) = (x·y / d + 1)³        (d the feature dimension)
///
/// estimated without bias on subsets X (m vectors) and Y (n vectors):
///
///     MMD²ᵤ = Σ_{i≠j} k(xᵢ, xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ) / (n(n−1)) − 2 Σᵢⱼ k(xᵢ, yⱼ) / (mn)
///
/// and reported as the mean and standard deviation (ddof 0, `np.std`) over random subsets, as
/// torch-fidelity's `kid_features_to_metric` does. Defaults follow torch-fidelity: 100 subsets
/// of 1000 (`kid_subsets`, `kid_subset_size`), each subset drawn without replacement within
/// itself, real then fake; here the size is capped at the smaller set's size (torch-fidelity
/// refuses smaller sets) and the draws come from GANKit's `RandomSource`, so the subsets (not the
/// formula) differ from torch-fidelity's numpy draws.
///
/// The three kernel matrices are computed once over the whole sets (one Float64 product each)
/// and every subset sums its entries, so a hundred subsets cost little more than one.
public struct KernelInceptionDistance: Sendable {
    /// Number of random subset pairs averaged over.
    public var subsets: Int
    /// Vectors per subset, before capping at the smaller set's size.
    public var subsetSize: Int
    /// Seed of the subset draws.
    public var seed: UInt64

    /// The mean and spread of MMD²ᵤ over the subsets.
    public struct Estimate: Sendable, Equatable {
        /// The mean of MMD²ᵤ over subsets: the KID.
        public let mean: Double
        /// The standard deviation over subsets (normalised by the subset count, ddof 0).
        public let standardDeviation: Double
        /// MMD²ᵤ of each subset pair, in draw order.
        public let values: [Double]
    }

    public init(subsets: Int = 100, subsetSize: Int = 1000, seed: UInt64 = 0) {
        precondition(subsets >= 1, "KernelInceptionDistance: subsets must be ≥ 1, got \(subsets)")
        precondition(subsetSize >= 2, "KernelInceptionDistance: subsetSize must be ≥ 2, got \(subsetSize)")
        self.subsets = subsets
        self.subsetSize = subsetSize
        self.seed = seed
    }

    /// KID between the rows of two [N, D] feature matrices over seeded random subsets.
    public func estimate(real: Tensor, fake: Tensor) -> Estimate {
        let (nr, nf) = (real.shape[0], fake.shape[0])
        let size = Swift.min(subsetSize, nr, nf)
        precondition(size >= 2, "KernelInceptionDistance: needs at least 2 vectors per set, got \(nr) real and \(nf) fake")
        var rng = RandomSource(seed: seed)
        let draws = (0..<subsets).map { _ in
            (rng.sampleWithoutReplacement(size, from: nr), rng.sampleWithoutReplacement(size, from: nf))
        }
        return Self.estimate(real: real, fake: fake, subsets: draws)
    }

    /// KID over the given subsets: pairs of row index lists (real, fake), each without repeats.
    public static func estimate(real: Tensor, fake: Tensor, subsets: [(real: [Int], fake: [Int])]) -> Estimate {
        precondition(real.rank == 2 && fake.rank == 2 && real.shape[1] == fake.shape[1],
                     "KernelInceptionDistance: needs [N, D] features of equal D, got \(real.shape) and \(fake.shape)")
        precondition(!subsets.isEmpty, "KernelInceptionDistance: no subsets")
        let x = DoubleMatrix(real), y = DoubleMatrix(fake)
        let d = Double(x.columns)
        let kxx = kernel(x, x, dimension: d), kyy = kernel(y, y, dimension: d), kxy = kernel(x, y, dimension: d)
        let values = subsets.map { s in
            let (m, n) = (Double(s.real.count), Double(s.fake.count))
            precondition(m >= 2 && n >= 2, "KernelInceptionDistance: subsets need at least 2 vectors each")
            return offDiagonalSum(kxx, s.real) / (m * (m - 1)) + offDiagonalSum(kyy, s.fake) / (n * (n - 1))
                - 2 * blockSum(kxy, s.real, s.fake) / (m * n)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return Estimate(mean: mean, standardDeviation: variance.squareRoot(), values: values)
    }

    /// (a bᵀ / d + 1)³ elementwise.
    static func kernel(_ a: DoubleMatrix, _ b: DoubleMatrix, dimension d: Double) -> DoubleMatrix {
        var k = DoubleMatrix.product(a, b, transposeB: true)
        k.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { let t = v[i] / d + 1; v[i] = t * t * t }
        }
        return k
    }

    /// Σ_{i≠j} k[rows[i], rows[j]].
    static func offDiagonalSum(_ k: DoubleMatrix, _ rows: [Int]) -> Double {
        blockSum(k, rows, rows) - rows.reduce(0) { $0 + k[$1, $1] }
    }

    /// Σᵢⱼ k[rows[i], columns[j]].
    static func blockSum(_ k: DoubleMatrix, _ rows: [Int], _ columns: [Int]) -> Double {
        k.values.withUnsafeBufferPointer { v in
            var total = 0.0
            for r in rows {
                let row = v.baseAddress! + r * k.columns
                var s = 0.0
                for c in columns { s += row[c] }
                total += s
            }
            return total
        }
    }
}
