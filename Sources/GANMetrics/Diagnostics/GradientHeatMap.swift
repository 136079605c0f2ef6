import GANCore
import GANIO

/// The picture of the MS3D paper's Fig. 3 (Wang et al., ICML 2024, section 3.2): for each image
/// of a batch, its |∇ₓD| map in gray (black 0, white the image's own maximum) followed by the
/// 8-connected regions of the thresholded map, each region in its own colour on black — so an
/// aggregated field shows as a few large blobs and a dispersed one as many specks.
public enum GradientHeatMap {
    /// Region colours (matplotlib's "tab10"), in [-1, 1] RGB; region l gets colour (l − 1) mod 10.
    static let colors: [[Float]] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ].map { [$0.0, $0.1, $0.2].map { Float($0) / 127.5 - 1 } }

    /// An RGB grid [3, H', W'] of the first `count` maps of `magnitudes` [N, 1, H, W], each map and
    /// its region map side by side, four pairs per row, every pixel drawn as `scale`×`scale`.
    public static func grid(_ magnitudes: Tensor, narrowing: PerceptualNarrowing, count: Int = 16, scale: Int = 4) -> Tensor {
        precondition(magnitudes.rank == 4 && magnitudes.shape[1] == 1,
                     "GradientHeatMap: the magnitudes must be [N, 1, H, W], got \(magnitudes.shape)")
        let (n, h, w) = (min(count, magnitudes.shape[0]), magnitudes.shape[2], magnitudes.shape[3])
        let values = magnitudes.scalars
        var tiles: [Float] = []
        for i in 0..<n {
            let map = Array(values[(i * h * w)..<((i + 1) * h * w)])
            let top = map.max() ?? 0
            let gray = map.map { top > 0 ? 2 * $0 / top - 1 : -1 }
            for _ in 0..<3 { tiles += gray }
            let labels = narrowing.regions(map, width: w, height: h).labels
            for channel in 0..<3 { tiles += labels.map { $0 == 0 ? -1 : colors[($0 - 1) % colors.count][channel] } }
        }
        let batch = Tensor(shape: [2 * n, 3, h, w], values: tiles).upsampleNearest(factor: scale)
        return makeGrid(batch, columns: 8, padding: 2, padValue: 1)
    }
}
