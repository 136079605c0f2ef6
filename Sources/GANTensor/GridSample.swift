#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bilinear resampling of images at arbitrary points (Jaderberg et al. 2015, "Spatial
/// Transformer Networks"), with PyTorch's `grid_sample(mode='bilinear', align_corners=False)`
/// semantics: grid value −1 is the outer edge of the first pixel, +1 the outer edge of the
/// last, so pixel coordinate ix = ((gx + 1)·W − 1) / 2.
///
/// For a fixed grid the op is linear in the image, y = S x. `gridSample` and
/// `gridSampleTransposed` (x = Sᵀ y) are each the other's pullback, so when the grid is a
/// constant (augmentation, ADA) the op differentiates to any order in the image. A NaN grid
/// value samples zero; an infinite one samples zero too, except that `.border` clamps it to
/// the edge.
///
/// When the grid itself requires a gradient, the node is first-order only: the gradient with
/// respect to both grid and image is exact, but differentiating it again throws
/// `AutodiffError.notDifferentiableAgain(op: "gridSample")`.

/// What `gridSample` reads outside the image (PyTorch `padding_mode`).
public enum GridSamplePadding: Sendable {
    /// Zero outside the image.
    case zeros
    /// The coordinate is clamped to the edge pixels.
    case border
    /// The coordinate is mirrored at the image's outer edges (−0.5 and W − 0.5), then clamped.
    case reflection
}

extension Tensor {
    /// Samples `x` [N, C, H, W] bilinearly at `grid` [N, Ho, Wo, 2] (last axis x then y, in
    /// [−1, 1] across the image), giving [N, C, Ho, Wo].
    public static func gridSample(_ x: Tensor, grid: Tensor, padding: GridSamplePadding = .zeros) -> Tensor {
        precondition(x.rank == 4, "gridSample: image must be [N, C, H, W], got \(x.shape)")
        let sampler = GridSampler(grid: grid, height: x.shape[2], width: x.shape[3], padding: padding, batch: x.shape[0])
        guard grid.requiresGradient && Autodiff.recording else { return sample(x, sampler) }
        let y = Autodiff.withoutRecording { sample(x, sampler) }
        return record(y, op: "gridSample", inputs: [x, grid], firstOrderOnly: true) { g, _ in
            Autodiff.withoutRecording {
                [x.needsGradient ? sampleTransposed(g, sampler) : nil, sampler.gridGradient(image: x, outputGradient: g)]
            }
        }
    }

    /// The adjoint of `gridSample` in the image: spreads `y` [N, C, Ho, Wo] back onto an
    /// image of `height` × `width` with the same bilinear weights, summing where sample
    /// points share pixels. The grid is read as a constant; it must not require a gradient.
    public static func gridSampleTransposed(_ y: Tensor, grid: Tensor, height: Int, width: Int,
                                            padding: GridSamplePadding = .zeros) -> Tensor {
        precondition(y.rank == 4, "gridSampleTransposed: gradient must be [N, C, Ho, Wo], got \(y.shape)")
        precondition(!(grid.requiresGradient && Autodiff.recording),
                     "gridSampleTransposed: the grid (shape \(grid.shape)) requires a gradient, which this op does not provide")
        let sampler = GridSampler(grid: grid, height: height, width: width, padding: padding, batch: y.shape[0])
        precondition(y.shape[2] == sampler.outHeight && y.shape[3] == sampler.outWidth,
                     "gridSampleTransposed: gradient \(y.shape) does not match grid \(grid.shape)")
        return sampleTransposed(y, sampler)
    }

    /// y = S x for the sampler's fixed grid; pullback Sᵀ.
    private static func sample(_ x: Tensor, _ sampler: GridSampler) -> Tensor {
        let y = Tensor.make([sampler.batch, x.shape[1], sampler.outHeight, sampler.outWidth]) { out in
            x.withUnsafeBufferPointer { sampler.sample($0.baseAddress!, channels: x.shape[1], into: out.baseAddress!) }
        }
        return record(y, op: "gridSample", inputs: [x]) { g, _ in [sampleTransposed(g, sampler)] }
    }

    /// x = Sᵀ y for the sampler's fixed grid; pullback S.
    private static func sampleTransposed(_ y: Tensor, _ sampler: GridSampler) -> Tensor {
        let x = Tensor.make([sampler.batch, y.shape[1], sampler.height, sampler.width]) { out in
            out.initialize(repeating: 0)
            y.withUnsafeBufferPointer { sampler.spread($0.baseAddress!, channels: y.shape[1], into: out.baseAddress!) }
        }
        return record(x, op: "gridSampleTransposed", inputs: [y]) { g, _ in [sample(g, sampler)] }
    }
}

/// The four bilinear corners of one sample point: offsets within an H×W plane (NW, NE, SW,
/// SE) and weights. A corner outside the image has offset 0 (a valid address) and weight 0,
/// so the loops need no branch.
struct BilinearCorners {
    var offsets: SIMD4<Int32> = .zero
    var weights: SIMD4<Float> = .zero
    /// ∂weight/∂gx and ∂weight/∂gy per corner (zero outside the image).
    var slopesX: SIMD4<Float> = .zero
    var slopesY: SIMD4<Float> = .zero
}

/// A fixed grid over images of one size: computes each point's corners on the fly (as cheap
/// as reading them back from memory) and runs the sampling loops.
struct GridSampler {
    let grid: Tensor
    let batch: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
    let padding: GridSamplePadding

    init(grid: Tensor, height: Int, width: Int, padding: GridSamplePadding, batch: Int) {
        precondition(grid.rank == 4 && grid.shape[3] == 2 && grid.shape[0] == batch,
                     "gridSample: grid must be [N, Ho, Wo, 2] with N = \(batch), got \(grid.shape)")
        precondition(height > 0 && width > 0, "gridSample: empty image \(height)×\(width)")
        precondition(height * width <= Int(Int32.max), "gridSample: image \(height)×\(width) too large")
        self.grid = grid.detached()
        self.batch = batch
        self.height = height
        self.width = width
        outHeight = grid.shape[1]
        outWidth = grid.shape[2]
        self.padding = padding
    }

    /// The corners of the point whose grid value is at `g` (x then y).
    @inline(__always)
    func corners(_ g: UnsafePointer<Float>, slopes: Bool) -> BilinearCorners {
        let (ix, dx) = Self.sourceCoordinate(g[0], size: width, padding: padding)
        let (iy, dy) = Self.sourceCoordinate(g[1], size: height, padding: padding)
        let x0 = Self.floor(ix), y0 = Self.floor(iy)
        let tx = ix - Float(x0), ty = iy - Float(y0)
        var c = BilinearCorners()
        for k in 0..<4 {
            let right = k & 1 == 1, lower = k >> 1 == 1
            let cx = right ? x0 + 1 : x0, cy = lower ? y0 + 1 : y0
            guard cx >= 0 && cx < width && cy >= 0 && cy < height else { continue }
            let wx = right ? tx : 1 - tx, wy = lower ? ty : 1 - ty
            c.offsets[k] = Int32(truncatingIfNeeded: cy * width + cx)
            c.weights[k] = wx * wy
            if slopes {
                c.slopesX[k] = (right ? dx : -dx) * wy
                c.slopesY[k] = wx * (lower ? dy : -dy)
            }
        }
        return c
    }

    /// ⌊c⌋ for c ≥ −2 without a libm call: truncation after a shift of 2, corrected where the
    /// shift rounded up.
    @inline(__always)
    private static func floor(_ c: Float) -> Int {
        let t = Int(c + 2) - 2
        return Float(t) > c ? t - 1 : t
    }

    /// The pixel coordinate of grid value `g` along an axis of `size` pixels, and its
    /// derivative with respect to `g` (PyTorch `grid_sampler_compute_source_index_set_grad`).
    @inline(__always)
    private static func sourceCoordinate(_ g: Float, size: Int, padding: GridSamplePadding) -> (Float, Float) {
        let n = Float(size)
        var c = ((g + 1) * n - 1) / 2
        var slope = n / 2
        switch padding {
        case .zeros:
            break
        case .border:
            (c, slope) = clip(c, slope, size: n)
        case .reflection:
            // Mirror about −0.5 and n − 0.5 (period 2n), then clamp as PyTorch does.
            var d = c + 0.5
            if d < 0 {
                d = -d
                slope = -slope
            }
            let flips = (d / n).rounded(.down)
            let extra = d.truncatingRemainder(dividingBy: n)
            if flips.truncatingRemainder(dividingBy: 2) == 0 {
                c = extra - 0.5
            } else {
                c = n - extra - 0.5
                slope = -slope
            }
            (c, slope) = clip(c, slope, size: n)
        }
        // Far outside the image, or NaN (also what reflection makes of ±∞): every corner is
        // outside, so the sample is zero; a bounded coordinate keeps the integer conversion safe.
        guard c >= -2 && c <= n + 1 else { return (-2, 0) }
        return (c, slope)
    }

    @inline(__always)
    private static func clip(_ c: Float, _ slope: Float, size n: Float) -> (Float, Float) {
        if c <= 0 { return (0, 0) }
        if c >= n - 1 { return (n - 1, 0) }
        return (c, slope)
    }

    /// out[n, c, p] = Σₖ wₖ · x[n, c, offsetₖ], over chunks of sample points.
    func sample(_ x: UnsafePointer<Float>, channels: Int, into out: UnsafeMutablePointer<Float>) {
        let points = outHeight * outWidth, plane = height * width
        grid.withUnsafeBufferPointer { gb in
            let gp = UncheckedSendable(gb.baseAddress!), src = UncheckedSendable(x), dst = UncheckedSendable(out)
            parallelChunks(batch * points, minimumPerChunk: Swift.max(256, 16_384 / Swift.max(channels, 1))) { range in
                for np in range {
                    let n = np / points, p = np % points
                    let c = corners(gp.value + 2 * np, slopes: false)
                    let o = SIMD4<Int>(truncatingIfNeeded: c.offsets)
                    for ch in 0..<channels {
                        let s = src.value + (n * channels + ch) * plane
                        dst.value[(n * channels + ch) * points + p] =
                            c.weights[0] * s[o[0]] + c.weights[1] * s[o[1]] + c.weights[2] * s[o[2]] + c.weights[3] * s[o[3]]
                    }
                }
            }
        }
    }

    /// out[n, c, offsetₖ] += wₖ · y[n, c, p] (out zero on entry). Sample points of one image
    /// may share pixels, so work is split over images, or over channels when images are fewer
    /// than cores (each part then recomputes the corners).
    func spread(_ y: UnsafePointer<Float>, channels: Int, into out: UnsafeMutablePointer<Float>) {
        let points = outHeight * outWidth, plane = height * width
        let groups = batch >= Parallelism.cores ? 1 : channels
        grid.withUnsafeBufferPointer { gb in
            let gp = UncheckedSendable(gb.baseAddress!), src = UncheckedSendable(y), dst = UncheckedSendable(out)
            parallelChunks(batch * groups, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(points * channels / groups, 1))) { items in
                for item in items {
                    let n = item / groups, group = item % groups
                    let channelRange = groups == 1 ? 0..<channels : group..<(group + 1)
                    for p in 0..<points {
                        let c = corners(gp.value + 2 * (n * points + p), slopes: false)
                        let o = SIMD4<Int>(truncatingIfNeeded: c.offsets)
                        for ch in channelRange {
                            let v = src.value[(n * channels + ch) * points + p]
                            let d = dst.value + (n * channels + ch) * plane
                            d[o[0]] += c.weights[0] * v
                            d[o[1]] += c.weights[1] * v
                            d[o[2]] += c.weights[2] * v
                            d[o[3]] += c.weights[3] * v
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂grid [N, Ho, Wo, 2] = Σ_c g[n, c, p] · Σₖ (∂wₖ/∂grid) · x[n, c, offsetₖ] (a constant).
    func gridGradient(image x: Tensor, outputGradient g: Tensor) -> Tensor {
        let channels = x.shape[1], points = outHeight * outWidth, plane = height * width
        return Tensor.make([batch, outHeight, outWidth, 2]) { out in
            grid.withUnsafeBufferPointer { gb in
                x.withUnsafeBufferPointer { xb in
                    g.withUnsafeBufferPointer { ob in
                        let gp = UncheckedSendable(gb.baseAddress!), xs = UncheckedSendable(xb.baseAddress!)
                        let gs = UncheckedSendable(ob.baseAddress!), dst = UncheckedSendable(out.baseAddress!)
                        parallelChunks(batch * points, minimumPerChunk: Swift.max(256, 16_384 / Swift.max(channels, 1))) { range in
                            for np in range {
                                let n = np / points, p = np % points
                                let c = corners(gp.value + 2 * np, slopes: true)
                                let o = SIMD4<Int>(truncatingIfNeeded: c.offsets)
                                var gx: Float = 0, gy: Float = 0
                                for ch in 0..<channels {
                                    let s = xs.value + (n * channels + ch) * plane
                                    let v = SIMD4<Float>(s[o[0]], s[o[1]], s[o[2]], s[o[3]])
                                    let gv = gs.value[(n * channels + ch) * points + p]
                                    gx += gv * (c.slopesX * v).sum()
                                    gy += gv * (c.slopesY * v).sum()
                                }
                                dst.value[2 * np] = gx
                                dst.value[2 * np + 1] = gy
                            }
                        }
                    }
                }
            }
        }
    }
}
