/// The m×m output tiles of the Winograd kernels (m = `size`, 2 or 4; `rows`×`columns` per
/// sample, `perSample` in all) with the plane sizes around them, and the moves between
/// channels-last planes and the `[ξ][tiles][channels]` arrays of transformed tiles
/// (`WinogradTransforms`).
///
/// Tile t = (sample, tᵢ, tⱼ) of a chunk of samples is number (sample·rows + tᵢ)·columns + tⱼ.
struct WinogradTiles {
    let size: Int, rows: Int, columns: Int, perSample: Int
    /// Conv-side (output) and image-side (input) plane sides.
    let outputHeight: Int, outputWidth: Int, height: Int, width: Int
    /// Pixels of an output plane, and of input and output planes with a one-pixel border.
    var outputPlane: Int { outputHeight * outputWidth }
    var paddedInput: Int { (height + 2) * (width + 2) }
    var paddedOutput: Int { (outputHeight + 2) * (outputWidth + 2) }

    /// The tiles of `transforms`' output side over the output planes of `g`, whose sides it divides.
    init(_ g: ConvGeometry, _ transforms: WinogradTransforms) {
        size = transforms.tile
        rows = g.outputHeight / size; columns = g.outputWidth / size; perSample = rows * columns
        outputHeight = g.outputHeight; outputWidth = g.outputWidth; height = g.height; width = g.width
    }

    /// Calls `body(sample, tᵢ, tⱼ, t)` for every tile of `samples` samples, in tile order.
    @inline(__always)
    func forEach(samples: Int, _ body: (Int, Int, Int, Int) -> Void) {
        for sample in 0..<samples {
            for ti in 0..<rows {
                for tj in 0..<columns {
                    body(sample, ti, tj, (sample * rows + ti) * columns + tj)
                }
            }
        }
    }

    /// Writes `transform` of the tiles of `samples` channels-last planes (`planeWidth` pixels
    /// wide, `planePixels` in all, `channels` floats a pixel) to products[ξ][t][k]: tile t =
    /// (sample, tᵢ, tⱼ) has element (r, s) at row mtᵢ + q + r, column mtⱼ + q′ + s of its
    /// sample's plane (m = `size`), (q, q′) = `origin`.
    @inline(__always)
    func transform(_ planes: UnsafePointer<Float>, samples: Int, channels: Int, planeWidth: Int, planePixels: Int,
                   origin: (Int, Int) = (0, 0), _ transform: WinogradTransforms.TileTransform,
                   into products: UnsafeMutablePointer<Float>) {
        let t = samples * perSample
        forEach(samples: samples) { sample, ti, tj, tile in
            transform(planes + (sample * planePixels + (size * ti + origin.0) * planeWidth + size * tj + origin.1) * channels,
                      planeWidth * channels, channels, channels, products + tile * channels, t * channels)
        }
    }

    /// Writes `transform` of m[ξ][t][k] (k < `channels`) to channels-last output planes: tile
    /// (tᵢ, tⱼ) entry (r, s) goes to row (mtᵢ + r)·σ + q, column (mtⱼ + s)·σ + q′, with σ =
    /// `phaseStride` and (q, q′) = `phase` (σ = 1 for a convolution's output, 2 for one parity of
    /// the F(2×2, 2×2) input adjoint, whose planes are twice as high and wide).
    @inline(__always)
    func inverseTransform(_ m: UnsafePointer<Float>, samples: Int, channels: Int,
                          _ transform: WinogradTransforms.ProductTransform, phase: (Int, Int) = (0, 0),
                          phaseStride sigma: Int = 1, into y: UnsafeMutablePointer<Float>) {
        let t = samples * perSample, width = outputWidth * sigma, plane = outputPlane * sigma * sigma
        forEach(samples: samples) { sample, ti, tj, tile in
            let target = y + (sample * plane + phase.0 * width + phase.1) * channels
            transform(m + tile * channels, t * channels, channels, target + (size * ti * width + size * tj) * sigma * channels,
                      sigma * width * channels, sigma * channels)
        }
    }
}
