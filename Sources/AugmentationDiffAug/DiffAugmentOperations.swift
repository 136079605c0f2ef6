import GANCore

/// The three DiffAugment operations as functions of the images and their draws, each made of
/// differentiable tensor ops.
extension DiffAugment {
    /// Brightness, saturation, contrast (the authors' `rand_brightness`, `rand_color`,
    /// `rand_contrast`).
    static func color(_ x: Tensor, _ d: ColorDraws) -> Tensor {
        let n = x.shape[0]
        checkCount(d.brightness.count, n, "color.brightness")
        checkCount(d.saturation.count, n, "color.saturation")
        checkCount(d.contrast.count, n, "color.contrast")
        let perSample = { (values: [Float]) in Tensor(shape: [n, 1, 1, 1], values: values) }
        var y = x + perSample(d.brightness)
        let pixelMean = y.mean(axes: [1], keepDims: true)
        y = (y - pixelMean) * perSample(d.saturation) + pixelMean
        let imageMean = y.mean(axes: [1, 2, 3], keepDims: true)
        return (y - imageMean) * perSample(d.contrast) + imageMean
    }

    /// `out[n, c, i, j] = x[n, c, i + rows[n], j + columns[n]]` inside the image, else 0 (the
    /// authors' `rand_translation`), as one flat gather.
    static func translate(_ x: Tensor, _ d: TranslationDraws) -> Tensor {
        let (n, channels, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        checkCount(d.rows.count, n, "translation.rows")
        checkCount(d.columns.count, n, "translation.columns")
        var indices = [Int](repeating: -1, count: x.count)
        indices.withUnsafeMutableBufferPointer { index in
            for s in 0..<n {
                let tx = d.rows[s], ty = d.columns[s]
                for c in 0..<channels {
                    let plane = (s * channels + c) * h * w
                    for i in 0..<h where (0..<h).contains(i + tx) {
                        for j in 0..<w where (0..<w).contains(j + ty) {
                            index[plane + i * w + j] = plane + (i + tx) * w + (j + ty)
                        }
                    }
                }
            }
        }
        return x.gathered(flatIndices: indices, shape: x.shape)
    }

    /// Zeroes rows `centre − c/2 … centre − c/2 + c − 1` × the same columns, clamped to the
    /// image (the authors' `rand_cutout`), by multiplying with a constant mask.
    static func cutout(_ x: Tensor, _ d: CutoutDraws) -> Tensor {
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        checkCount(d.rows.count, n, "cutout.rows")
        checkCount(d.columns.count, n, "cutout.columns")
        let ch = cutoutSize(extent: h), cw = cutoutSize(extent: w)
        var mask = [Float](repeating: 1, count: n * h * w)
        for s in 0..<n {
            let top = d.rows[s] - ch / 2, left = d.columns[s] - cw / 2
            for i in max(0, top)..<min(h, max(0, top + ch)) {
                for j in max(0, left)..<min(w, max(0, left + cw)) { mask[(s * h + i) * w + j] = 0 }
            }
        }
        return x * Tensor(shape: [n, 1, h, w], values: mask)
    }

    private static func checkCount(_ count: Int, _ batch: Int, _ what: String) {
        precondition(count == batch, "DiffAugment: \(count) draws of \(what) for a batch of \(batch)")
    }
}
