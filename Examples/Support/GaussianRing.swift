import GANKit

/// The ring of Gaussians used to measure mode coverage (Metz et al. 2017, "Unrolled GANs";
/// Srivastava et al. 2017, VEEGAN; Lin et al. 2018, PacGAN): `modes` isotropic Gaussians of
/// standard deviation `std`, their centres evenly spaced on a circle of `radius`. The common
/// benchmark is 8 modes, radius 2, σ = 0.02.
public struct GaussianRing: Sendable {
    public let modes: Int
    public let radius: Float
    public let std: Float

    public init(modes: Int = 8, radius: Float = 2, std: Float = 0.02) {
        precondition(modes >= 1 && radius > 0 && std > 0, "GaussianRing: modes \(modes), radius \(radius) and std \(std) must be positive")
        self.modes = modes
        self.radius = radius
        self.std = std
    }

    /// The centre of mode k, at angle 2πk/modes.
    public func centre(_ k: Int) -> (x: Float, y: Float) {
        let angle = 2 * Float.pi * Float(k) / Float(modes)
        return (radius * cos(angle), radius * sin(angle))
    }

    /// `count` points, each from a mode drawn uniformly, as images [count, 2, 1, 1].
    public func sample(_ count: Int, using rng: inout RandomSource) -> Tensor {
        var values: [Float] = []
        values.reserveCapacity(2 * count)
        for _ in 0..<count {
            let c = centre(rng.integer(in: 0..<modes))
            values += [c.x + std * rng.normal(), c.y + std * rng.normal()]
        }
        return Tensor(shape: [count, 2, 1, 1], values: values)
    }

    /// How a set of generated points covers the ring.
    public struct Coverage: Sendable {
        /// High-quality points registered to each mode.
        public let perMode: [Int]
        /// All points judged.
        public let total: Int
        /// Modes with at least `minimumPerMode` high-quality points.
        public let coveredModes: Int
        /// Points within 3σ of their nearest centre.
        public var highQuality: Int { perMode.reduce(0, +) }
        public var highQualityFraction: Double { Double(highQuality) / Double(total) }
    }

    /// The measure of the VEEGAN/PacGAN synthetic benchmarks: a point is high-quality when it
    /// lies within 3σ of its nearest centre, and is then registered to that mode; here a mode
    /// counts as covered when at least `minimumPerMode` points are registered to it (20 of the
    /// 2500 samples the examples judge, against ≈ 312 for a perfect generator).
    public func coverage(of points: Tensor, minimumPerMode: Int = 20) -> Coverage {
        precondition(points.rank == 4 && points.shape[1] == 2, "GaussianRing.coverage: points must be [N, 2, 1, 1], got \(points.shape)")
        let values = points.scalars
        var perMode = [Int](repeating: 0, count: modes)
        for i in 0..<points.shape[0] {
            let (x, y) = (values[2 * i], values[2 * i + 1])
            let distances = (0..<modes).map { k in
                let c = centre(k)
                return ((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y)).squareRoot()
            }
            let nearest = distances.indices.min { distances[$0] < distances[$1] }!
            if distances[nearest] <= 3 * std { perMode[nearest] += 1 }
        }
        return Coverage(perMode: perMode, total: points.shape[0], coveredModes: perMode.filter { $0 >= minimumPerMode }.count)
    }
}

#if canImport(Glibc)
import Glibc
#endif
