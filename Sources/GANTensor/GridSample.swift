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
/// constant (augmentation, ADA) the op differentiates to any order in the image.
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
        let withGridGradient = grid.requiresGradient && Autodiff.recording
        let plan = GridSamplePlan(grid: grid, height: x.shape[2], width: x.shape[3], padding: padding,
                                  batch: x.shape[0], slopes: withGridGradient)
        guard withGridGradient else { return sample(x, plan: plan) }
        let y = Autodiff.withoutRecording { sample(x, plan: plan) }
        return record(y, op: "gridSample", inputs: [x, grid], firstOrderOnly: true) { g, _ in
            Autodiff.withoutRecording {
                [x.requiresGradient ? sampleTransposed(g, plan: plan, channels: x.shape[1]) : nil,
                 plan.gridGradient(image: x, outputGradient: g)]
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
        let plan = GridSamplePlan(grid: grid, height: height, width: width, padding: padding, batch: y.shape[0], slopes: false)
        precondition(y.shape[2] == plan.outHeight && y.shape[3] == plan.outWidth,
                     "gridSampleTransposed: gradient \(y.shape) does not match grid \(grid.shape)")
        return sampleTransposed(y, plan: plan, channels: y.shape[1])
    }

    /// y = S x for the plan's fixed grid; pullback Sᵀ.
    private static func sample(_ x: Tensor, plan: GridSamplePlan) -> Tensor {
        let channels = x.shape[1]
        let y = Tensor.make([plan.batch, channels, plan.outHeight, plan.outWidth]) { out in
            x.withUnsafeBufferPointer { plan.sample($0.baseAddress!, channels: channels, into: out.baseAddress!) }
        }
        return record(y, op: "gridSample", inputs: [x]) { g, _ in [sampleTransposed(g, plan: plan, channels: channels)] }
    }

    /// x = Sᵀ y for the plan's fixed grid; pullback S.
    private static func sampleTransposed(_ y: Tensor, plan: GridSamplePlan, channels: Int) -> Tensor {
        let x = Tensor.make([plan.batch, channels, plan.height, plan.width]) { out in
            out.initialize(repeating: 0)
            y.withUnsafeBufferPointer { plan.spread($0.baseAddress!, channels: channels, into: out.baseAddress!) }
        }
        return record(x, op: "gridSampleTransposed", inputs: [y]) { g, _ in [sample(g, plan: plan)] }
    }
}

/// The four bilinear corners and weights of every sample point, shared by all channels.
///
/// A corner outside the image has weight 0 and offset 0 (a valid address), so the kernels
/// need no branch.
struct GridSamplePlan {
    let batch: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
    /// Per point: four pixel offsets within an H×W plane (NW, NE, SW, SE).
    private var offsets: [Int32]
    /// Per point: four bilinear weights.
    private var weights: [Float]
    /// Per point: ∂weight/∂gx and ∂weight/∂gy for each corner (zero outside the image),
    /// filled only when the grid gradient is wanted.
    private var slopesX: [Float], slopesY: [Float]

    init(grid: Tensor, height: Int, width: Int, padding: GridSamplePadding, batch: Int, slopes: Bool) {
        precondition(grid.rank == 4 && grid.shape[3] == 2 && grid.shape[0] == batch,
                     "gridSample: grid must be [N, Ho, Wo, 2] with N = \(batch), got \(grid.shape)")
        precondition(height > 0 && width > 0, "gridSample: empty image \(height)×\(width)")
        precondition(height * width <= Int(Int32.max), "gridSample: image \(height)×\(width) too large")
        self.batch = batch
        self.height = height
        self.width = width
        outHeight = grid.shape[1]
        outWidth = grid.shape[2]
        let points = batch * outHeight * outWidth
        offsets = [Int32](repeating: 0, count: 4 * points)
        weights = [Float](repeating: 0, count: 4 * points)
        slopesX = slopes ? [Float](repeating: 0, count: 4 * points) : []
        slopesY = slopesX
        grid.withUnsafeBufferPointer { gp in
            offsets.withUnsafeMutableBufferPointer { op in
                weights.withUnsafeMutableBufferPointer { wp in
                    slopesX.withUnsafeMutableBufferPointer { sxp in
                        slopesY.withUnsafeMutableBufferPointer { syp in
                            for p in 0..<points {
                                let (ix, dx) = Self.sourceCoordinate(gp[2 * p], size: width, padding: padding)
                                let (iy, dy) = Self.sourceCoordinate(gp[2 * p + 1], size: height, padding: padding)
                                let x0 = floorf(ix), y0 = floorf(iy)
                                let tx = ix - x0, ty = iy - y0
                                for k in 0..<4 {
                                    let right = k & 1 == 1, lower = k >> 1 == 1
                                    let cx = Int(x0) + (right ? 1 : 0), cy = Int(y0) + (lower ? 1 : 0)
                                    guard cx >= 0 && cx < width && cy >= 0 && cy < height else { continue }
                                    let wx = right ? tx : 1 - tx, wy = lower ? ty : 1 - ty
                                    op[4 * p + k] = Int32(cy * width + cx)
                                    wp[4 * p + k] = wx * wy
                                    if slopes {
                                        sxp[4 * p + k] = (right ? dx : -dx) * wy
                                        syp[4 * p + k] = wx * (lower ? dy : -dy)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The pixel coordinate of grid value `g` along an axis of `size` pixels, and its
    /// derivative with respect to `g` (PyTorch `grid_sampler_compute_source_index_set_grad`).
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
            let flips = floorf(d / n)
            let extra = fmodf(d, n)
            if flips.truncatingRemainder(dividingBy: 2) == 0 {
                c = extra - 0.5
            } else {
                c = n - extra - 0.5
                slope = -slope
            }
            (c, slope) = clip(c, slope, size: n)
        }
        // Far outside the image, or not a number: every corner is outside, so the sample is
        // zero; a bounded coordinate keeps the integer conversion safe.
        guard c >= -2 && c <= n + 1 else { return (-2, 0) }
        return (c, slope)
    }

    private static func clip(_ c: Float, _ slope: Float, size n: Float) -> (Float, Float) {
        if c <= 0 { return (0, 0) }
        if c >= n - 1 { return (n - 1, 0) }
        return (c, slope)
    }

    /// out[n, c, p] = Σₖ wₖ · x[n, c, offsetₖ].
    func sample(_ x: UnsafePointer<Float>, channels: Int, into out: UnsafeMutablePointer<Float>) {
        let pointsPerImage = outHeight * outWidth, plane = height * width
        offsets.withUnsafeBufferPointer { ob in
            weights.withUnsafeBufferPointer { wb in
                let o = UncheckedSendable(ob.baseAddress!), w = UncheckedSendable(wb.baseAddress!)
                let src = UncheckedSendable(x), dst = UncheckedSendable(out)
                parallelChunks(batch * channels, minimumPerChunk: Swift.max(1, 8_192 / Swift.max(pointsPerImage, 1))) { planes in
                    for nc in planes {
                        let n = nc / channels
                        let s = src.value + nc * plane, d = dst.value + nc * pointsPerImage
                        let op = o.value + 4 * n * pointsPerImage, wp = w.value + 4 * n * pointsPerImage
                        for p in 0..<pointsPerImage {
                            let q = 4 * p
                            d[p] = wp[q] * s[Int(op[q])] + wp[q + 1] * s[Int(op[q + 1])]
                                + wp[q + 2] * s[Int(op[q + 2])] + wp[q + 3] * s[Int(op[q + 3])]
                        }
                    }
                }
            }
        }
    }

    /// out[n, c, offsetₖ] += wₖ · y[n, c, p] (out zero on entry); planes are disjoint per thread.
    func spread(_ y: UnsafePointer<Float>, channels: Int, into out: UnsafeMutablePointer<Float>) {
        let pointsPerImage = outHeight * outWidth, plane = height * width
        offsets.withUnsafeBufferPointer { ob in
            weights.withUnsafeBufferPointer { wb in
                let o = UncheckedSendable(ob.baseAddress!), w = UncheckedSendable(wb.baseAddress!)
                let src = UncheckedSendable(y), dst = UncheckedSendable(out)
                parallelChunks(batch * channels, minimumPerChunk: Swift.max(1, 8_192 / Swift.max(pointsPerImage, 1))) { planes in
                    for nc in planes {
                        let n = nc / channels
                        let s = src.value + nc * pointsPerImage, d = dst.value + nc * plane
                        let op = o.value + 4 * n * pointsPerImage, wp = w.value + 4 * n * pointsPerImage
                        for p in 0..<pointsPerImage {
                            let q = 4 * p, v = s[p]
                            d[Int(op[q])] += wp[q] * v
                            d[Int(op[q + 1])] += wp[q + 1] * v
                            d[Int(op[q + 2])] += wp[q + 2] * v
                            d[Int(op[q + 3])] += wp[q + 3] * v
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂grid [N, Ho, Wo, 2] = Σ_c g[n, c, p] · Σₖ (∂wₖ/∂g) · x[n, c, offsetₖ] (a constant).
    func gridGradient(image x: Tensor, outputGradient g: Tensor) -> Tensor {
        precondition(!slopesX.isEmpty, "gridSample: plan built without grid slopes")
        let channels = x.shape[1], pointsPerImage = outHeight * outWidth, plane = height * width
        return Tensor.make([batch, outHeight, outWidth, 2]) { out in
            x.withUnsafeBufferPointer { xb in
                g.withUnsafeBufferPointer { gb in
                    offsets.withUnsafeBufferPointer { ob in
                        slopesX.withUnsafeBufferPointer { sxb in
                            slopesY.withUnsafeBufferPointer { syb in
                                let xs = UncheckedSendable(xb.baseAddress!), gs = UncheckedSendable(gb.baseAddress!)
                                let o = UncheckedSendable(ob.baseAddress!), dst = UncheckedSendable(out.baseAddress!)
                                let sx = UncheckedSendable(sxb.baseAddress!), sy = UncheckedSendable(syb.baseAddress!)
                                parallelChunks(batch * pointsPerImage, minimumPerChunk: Swift.max(1, 8_192 / Swift.max(channels, 1))) { points in
                                    for np in points {
                                        let n = np / pointsPerImage, p = np % pointsPerImage, q = 4 * np
                                        var gx: Float = 0, gy: Float = 0
                                        for c in 0..<channels {
                                            let s = xs.value + (n * channels + c) * plane
                                            let gv = gs.value[(n * channels + c) * pointsPerImage + p]
                                            var vx: Float = 0, vy: Float = 0
                                            for k in 0..<4 {
                                                let v = s[Int(o.value[q + k])]
                                                vx += sx.value[q + k] * v
                                                vy += sy.value[q + k] * v
                                            }
                                            gx += gv * vx
                                            gy += gv * vy
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
    }
}
