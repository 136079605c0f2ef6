import GANCore

/// Perceptual narrowing, the MS3D paper's measure of how aggregated D's input-gradient field is
/// (Wang et al., ICML 2024, section 3.2, Figs. 2b and 3): threshold the |∇ₓD| map to a binary
/// mask, count its 8-connected regions, divide by the number of pixels H·W:
///
///     ratio = #regions( |∇ₓD| > t ) / (H·W),   averaged over the images of a batch.
///
/// The paper does not give its threshold. GANKit takes t per image at a quantile q of that
/// image's map: t is the ⌊q·(H·W − 1)⌋-th smallest value (numpy's `quantile(…, method="lower")`)
/// and the mask keeps the pixels strictly above it, so with distinct values a fraction 1 − q of
/// the pixels is marked whatever the gradient's scale. The count then says only how those
/// pixels are arranged: scattered (many regions, a high ratio) or aggregated (few regions, a
/// low ratio) — the contrast of the paper's Fig. 3. A threshold relative to the map's maximum
/// would instead mix in how peaked the field is. The default q = 0.9 (the top 10 % of the
/// pixels) is GANKit's choice: the mask is sparse enough that scattered pixels rarely touch and
/// dense enough (≈ 100 pixels at 32×32) for the count to resolve changes.
public struct PerceptualNarrowing: Sendable {
    /// q in (0, 1).
    public let quantile: Double

    public init(quantile: Double = 0.9) {
        precondition(quantile > 0 && quantile < 1, "PerceptualNarrowing: the quantile must lie in (0, 1), got \(quantile)")
        self.quantile = quantile
    }

    /// The ⌊q·(n − 1)⌋-th smallest of `values`.
    public func threshold(_ values: [Float]) -> Float {
        precondition(!values.isEmpty, "PerceptualNarrowing: no values to threshold")
        return values.sorted()[Int((quantile * Double(values.count - 1)).rounded(.down))]
    }

    /// The 8-connected regions of one map's pixels above its threshold (row-major, H×W).
    public func regions(_ map: [Float], width: Int, height: Int) -> ConnectedRegions {
        let t = threshold(map)
        return ConnectedRegions(mask: map.map { $0 > t }, width: width, height: height)
    }

    /// The connected-region ratio of each map of a batch of magnitudes [N, 1, H, W].
    public func ratios(_ magnitudes: Tensor) -> [Double] {
        precondition(magnitudes.rank == 4 && magnitudes.shape[1] == 1,
                     "PerceptualNarrowing: the magnitudes must be [N, 1, H, W], got \(magnitudes.shape)")
        let (n, h, w) = (magnitudes.shape[0], magnitudes.shape[2], magnitudes.shape[3])
        let values = magnitudes.scalars
        return (0..<n).map { i in
            Double(regions(Array(values[(i * h * w)..<((i + 1) * h * w)]), width: w, height: h).count) / Double(h * w)
        }
    }
}
