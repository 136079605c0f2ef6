import GANCore

/// ADA's geometric resampling as the authors do it (StyleGAN2-ADA's `training/augment.py`,
/// "Execute geometric transformations"), for a batch and its inverse matrices G_inv (output
/// pixel → input pixel, in pixel units about the image centre):
///
/// 1. Margin: the four image corners (±cx, ±cy), cx = (W − 1)/2, are mapped by every sample's
///    G_inv; the margin on each side is the farthest any of them reaches beyond the image plus
///    2·3 pixels (3 = the 12-tap filter's length / 4), clamped to [0, size − 1] and rounded up.
/// 2. Reflect-pad by those margins about the border pixels' centres (`F.pad(mode='reflect')`),
///    and move the origin by ((left − right)/2, (top − bottom)/2).
/// 3. Upsample 2× (`upfirdn2d.upsample2d`): insert zeros, pad 6 before and 5 after, convolve
///    with the sym6 low-pass filter normalised to sum 1 and scaled by 2 per axis (zero beyond
///    the padded image).
/// 4. Sample bilinearly (zero outside) an output of 2(H + 6) × 2(W + 6) pixels, with G_inv
///    conjugated into the upsampled pixel grid.
/// 5. Downsample (`upfirdn2d.downsample2d`, padding −6, correlation): out[i] = Σₖ f[k]·y[2i + k + 1].
///    This reads y[1] … y[2H + 10] only, so GANKit samples the 2(H + 5) × 2(W + 5) pixels
///    inside the output's outermost rows and columns (the same values; 3–5 % fewer points).
///
/// Steps 2–3 and 5 are linear and separable, so each is one banded matrix per axis (pad and
/// upsample folded into one [2·padded, size] matrix with at most 6 non-zeros per row, the
/// downsampling [size, 2·(size + 5)] with 12) applied by `Tensor.applying(_:alongAxis:)`, whose
/// work is its non-zeros; step 4 is `gridSample` with a constant grid. Everything is linear in
/// the images and differentiates to any order.
enum WaveletResampling {
    /// The sym6 wavelet's low-pass decomposition filter, the values of `wavelets['sym6']` in the
    /// authors' `augment.py` (PyWavelets' `sym6.dec_lo`).
    static let sym6: [Double] = [
        0.015404109327027373, 0.0034907120842174702, -0.11799011114819057, -0.048311742585633,
        0.4910559419267466, 0.787641141030194, 0.3379294217276218, -0.07263752278646252,
        -0.021060292512300564, 0.04472490177066578, 0.0017677118642428036, -0.007800708325034148,
    ]

    /// sym6 normalised to sum 1 (`upfirdn2d.setup_filter`).
    static let filter: [Double] = {
        let sum = sym6.reduce(0, +)
        return sym6.map { $0 / sum }
    }()

    /// The filter's length / 4 (the authors' `Hz_pad`); the output is sampled with 2·this
    /// pixels of margin on each side at 1×.
    static let filterPad = sym6.count / 4

    /// The transform of `x` by `matrices`, padded by the margins `batch`'s matrices need (the
    /// whole batch's, when `x` is a share of it; `matrices` themselves by default).
    static func transform(_ x: Tensor, _ matrices: [HomogeneousMatrix], paddedFor batch: [HomogeneousMatrix]? = nil) -> Tensor {
        let (height, width) = (x.shape[2], x.shape[3])
        let (left, top, right, bottom) = margins(batch ?? matrices, height: height, width: width)
        let paddedWidth = width + left + right, paddedHeight = height + top + bottom
        let outWidth = sampledSize(width), outHeight = sampledSize(height)

        // Each along the width (the last axis, a dot product per output) while the plane is
        // smallest, then along the height (rows added to rows): pad and upsample the width,
        // then the height; downsample the height, then the width.
        let upsampled = x.applying(padAndUpsample(size: width, before: left, after: right), alongAxis: 3)
            .applying(padAndUpsample(size: height, before: top, after: bottom), alongAxis: 2)
        let grid = samplingGrid(matrices, shift: (Double(left - right) / 2, Double(top - bottom) / 2),
                                upsampled: (2 * paddedHeight, 2 * paddedWidth), output: (outHeight, outWidth))
        let sampled = Tensor.gridSample(upsampled, grid: grid, padding: .zeros)
        return sampled.applying(downsample(size: height), alongAxis: 2).applying(downsample(size: width), alongAxis: 3)
    }

    /// (left, top, right, bottom) padding: the authors' margin computation, in Double.
    static func margins(_ matrices: [HomogeneousMatrix], height: Int, width: Int) -> (Int, Int, Int, Int) {
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        var reach = [Double](repeating: -.infinity, count: 4)   // −x, −y, +x, +y
        for m in matrices {
            for (x, y) in [(-cx, -cy), (cx, -cy), (cx, cy), (-cx, cy)] {
                let px = m[0, 0] * x + m[0, 1] * y + m[0, 2], py = m[1, 0] * x + m[1, 1] * y + m[1, 2]
                reach = [max(reach[0], -px), max(reach[1], -py), max(reach[2], px), max(reach[3], py)]
            }
        }
        let extra = Double(2 * filterPad)
        func side(_ r: Double, _ c: Double, _ size: Int) -> Int { Int((r + extra - c).clamped(0, Double(size - 1)).rounded(.up)) }
        return (side(reach[0], cx, width), side(reach[1], cy, height), side(reach[2], cx, width), side(reach[3], cy, height))
    }

    /// The [2·(size + before + after), size] matrix of reflect padding (about the border
    /// pixels' centres) followed by `upsample2d` along one axis: U[i, k] = 2·f[5 + i − 2k] on
    /// the padded signal, whose entry k is the input's entry k − before mirrored into range.
    static func padAndUpsample(size: Int, before: Int, after: Int) -> SparseAxisMatrix {
        let padded = size + before + after, taps = filter.count
        var a = [Double](repeating: 0, count: 2 * padded * size)
        for k in 0..<padded {
            var source = k - before
            if source < 0 { source = -source }
            if source >= size { source = 2 * (size - 1) - source }
            for i in 0..<(2 * padded) {
                let tap = taps / 2 - 1 + i - 2 * k
                if tap >= 0 && tap < taps { a[i * size + source] += 2 * filter[tap] }
            }
        }
        return SparseAxisMatrix(rows: 2 * padded, columns: size, dense: a.map { Float($0) })
    }

    /// The sampled extent along an axis of `size` pixels: the authors' 2·(size + 2·filterPad)
    /// without its first and last pixel, which the downsampling gives no weight.
    static func sampledSize(_ size: Int) -> Int { 2 * (size + 2 * filterPad) - 2 }

    /// The [size, sampledSize(size)] matrix of `downsample2d(padding: −2·filterPad,
    /// flip_filter: true)` along one axis, on the sampled pixels (the authors' pixel j + 1 is
    /// sampled pixel j): D[i, j] = f[j − 2i].
    static func downsample(size: Int) -> SparseAxisMatrix {
        let sampled = sampledSize(size)
        var d = [Float](repeating: 0, count: size * sampled)
        for i in 0..<size {
            for (k, f) in filter.enumerated() { d[i * sampled + 2 * i + k] = Float(f) }
        }
        return SparseAxisMatrix(rows: size, columns: sampled, dense: d)
    }

    /// The `gridSample` grid [N, Ho, Wo, 2]: output pixel (i, j) sits at q = (j + ½ − Wo/2,
    /// i + ½ − Ho/2) about the output's centre (the sampled pixels share the authors' output's
    /// centre). With G′ = translate(shift)·G_inv (the padding's change of origin), its source
    /// in the upsampled image is 2·G′·((q + ½)/2) − ½ about that image's centre (the authors'
    /// scale-2 and translate(−½) conjugations), and its grid value that over half the
    /// upsampled size: an affine function of q, whose row part is computed once per row.
    static func samplingGrid(_ matrices: [HomogeneousMatrix], shift: (Double, Double),
                             upsampled: (height: Int, width: Int), output: (height: Int, width: Int)) -> Tensor {
        let toUpsampled = HomogeneousMatrix.translate2d(-0.5, -0.5) * .scale2d(2, 2)
        let fromUpsampled = HomogeneousMatrix.scale2d(0.5, 0.5) * .translate2d(0.5, 0.5)
        let (ho, wo) = output
        var grid = [Float](repeating: 0, count: matrices.count * ho * wo * 2)
        let toGrid = (x: 2 / Double(upsampled.width), y: 2 / Double(upsampled.height))
        for (n, m) in matrices.enumerated() {
            let g = toUpsampled * .translate2d(shift.0, shift.1) * m * fromUpsampled
            let (ax, ay) = (g[0, 0] * toGrid.x, g[1, 0] * toGrid.y)
            for i in 0..<ho {
                let y = Double(i) + 0.5 - Double(ho) / 2
                let rowX = (g[0, 1] * y + g[0, 2]) * toGrid.x, rowY = (g[1, 1] * y + g[1, 2]) * toGrid.y
                for j in 0..<wo {
                    let x = Double(j) + 0.5 - Double(wo) / 2
                    let k = ((n * ho + i) * wo + j) * 2
                    grid[k] = Float(ax * x + rowX)
                    grid[k + 1] = Float(ay * x + rowY)
                }
            }
        }
        return Tensor(shape: [matrices.count, ho, wo, 2], values: grid)
    }
}

extension Double {
    fileprivate func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
