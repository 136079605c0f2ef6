/// Whether the generated points cover the real points of the two-point experiment (DigGAN,
/// Fang et al., NeurIPS 2022, section 3.3: "Baseline covers one true data point, while the
/// proposed DigGAN regularization enables a GAN to cover all true data").
///
/// The paper judges this by eye from its figure. Here a real point r is covered when some
/// generated point x has |x − r| < `tolerance` (0.5, an eighth of the distance between the
/// real points 0 and 4), and all points are covered when each real point has its own
/// generated point within the tolerance (a matching, so one generated point cannot cover two
/// real points). The records keep the final points, so other tolerances can be applied.
public struct TwoPointCoverage: Equatable, Sendable {
    /// Per real point, whether a generated point lies within the tolerance.
    public let covered: [Bool]
    /// Whether every real point has a generated point of its own within the tolerance.
    public let coversAll: Bool

    public static let defaultTolerance: Float = 0.5

    public init(generated: [Float], real: [Float], tolerance: Float = defaultTolerance) {
        covered = real.map { r in generated.contains { abs($0 - r) < tolerance } }
        coversAll = Self.matches(real[...], generated, tolerance)
    }

    /// Whether each of `real` can be given a distinct point of `generated` within `tolerance`.
    private static func matches(_ real: ArraySlice<Float>, _ generated: [Float], _ tolerance: Float) -> Bool {
        guard let r = real.first else { return true }
        for (i, x) in generated.enumerated() where abs(x - r) < tolerance {
            var rest = generated
            rest.remove(at: i)
            if matches(real.dropFirst(), rest, tolerance) { return true }
        }
        return false
    }

    /// "both", "only 0", "only 4" or "neither" (the real points named by their values).
    public func describe(real: [Float]) -> String {
        if coversAll { return real.count == 2 ? "both" : "all" }
        let names = zip(real, covered).filter(\.1).map { String(format: "%g", $0.0) }
        return names.isEmpty ? "neither" : "only " + names.joined(separator: ", ")
    }
}
