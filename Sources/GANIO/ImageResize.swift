import GANCore

/// Fitting images to the square training resolution R: center-crop, then resample.
///
/// 1. A non-square image is center-cropped to its shorter side `s`; the crop starts at
///    `⌊(H − s) / 2⌋`, `⌊(W − s) / 2⌋` (so an odd surplus drops its extra row/column at the
///    bottom/right).
/// 2. The s×s crop becomes R×R:
///    - `s == R`: copied;
///    - `s` a multiple of R: area (box) average of each (s/R)×(s/R) block, which equals
///      PyTorch's `interpolate(mode: "area")` and does not alias;
///    - otherwise (upsampling, or a non-integer factor): bilinear with half-pixel centres,
///      `x_src = (x + ½) · s/R − ½` clamped to the image, PyTorch's
///      `interpolate(mode: "bilinear", align_corners: false, antialias: false)`. A non-integer
///      downsampling factor can alias; prefer source sizes that are multiples of R.
public enum ImageResize {
    /// `images` [C, H, W] or [N, C, H, W] center-cropped and resampled to [..., R, R]
    /// (a constant: the result does not record for autodiff).
    public static func fit(_ images: Tensor, resolution: Int) -> Tensor {
        precondition(images.rank == 3 || images.rank == 4, "ImageResize.fit: need [C,H,W] or [N,C,H,W], got \(images.shape)")
        precondition(resolution > 0, "ImageResize.fit: resolution \(resolution) must be positive")
        let h = images.shape[images.rank - 2], w = images.shape[images.rank - 1]
        let planes = images.shape.dropLast(2).reduce(1, *)
        let outShape = Array(images.shape.dropLast(2)) + [resolution, resolution]
        return Tensor.make(outShape) { out in
            images.withUnsafeBufferPointer { src in
                fitSquare(src.baseAddress!, planes: planes, height: h, width: w, resolution: resolution, into: out.baseAddress!)
            }
        }
    }

    /// Center-crops and resamples `planes` consecutive H×W planes at `src` into R×R planes at `dst`.
    static func fitSquare(_ src: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
                          resolution r: Int, into dst: UnsafeMutablePointer<Float>) {
        let side = min(height, width)
        let top = (height - side) / 2, left = (width - side) / 2
        for plane in 0..<planes {
            let crop = src + plane * height * width + top * width + left
            let out = dst + plane * r * r
            if side == r {
                for y in 0..<r { (out + y * r).update(from: crop + y * width, count: r) }
            } else if side % r == 0 {
                boxAverage(crop, rowStride: width, factor: side / r, resolution: r, into: out)
            } else {
                bilinear(crop, rowStride: width, side: side, resolution: r, into: out)
            }
        }
    }

    private static func boxAverage(_ src: UnsafePointer<Float>, rowStride: Int, factor k: Int,
                                   resolution r: Int, into dst: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(k * k)
        for oy in 0..<r {
            for ox in 0..<r {
                var sum: Float = 0
                let block = src + oy * k * rowStride + ox * k
                for dy in 0..<k {
                    let row = block + dy * rowStride
                    for dx in 0..<k { sum += row[dx] }
                }
                dst[oy * r + ox] = sum * scale
            }
        }
    }

    /// Source index pair and weight of the second for each output coordinate (both axes alike).
    private static func bilinearTaps(side: Int, resolution r: Int) -> [(Int, Int, Float)] {
        let scale = Float(side) / Float(r)
        return (0..<r).map { o in
            let real = max((Float(o) + 0.5) * scale - 0.5, 0)
            let i0 = min(Int(real), side - 1)
            let i1 = min(i0 + 1, side - 1)
            return (i0, i1, real - Float(i0))
        }
    }

    private static func bilinear(_ src: UnsafePointer<Float>, rowStride: Int, side: Int,
                                 resolution r: Int, into dst: UnsafeMutablePointer<Float>) {
        let taps = bilinearTaps(side: side, resolution: r)
        for oy in 0..<r {
            let (y0, y1, wy) = taps[oy]
            let row0 = src + y0 * rowStride, row1 = src + y1 * rowStride
            for ox in 0..<r {
                let (x0, x1, wx) = taps[ox]
                let top = row0[x0] + (row0[x1] - row0[x0]) * wx
                let bottom = row1[x0] + (row1[x1] - row1[x0]) * wx
                dst[oy * r + ox] = top + (bottom - top) * wy
            }
        }
    }
}
