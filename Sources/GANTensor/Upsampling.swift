/// Nearest and bilinear resizing of NCHW images, each as a pair of linear ops that are each
/// other's pullback (so resizing is differentiable to any order).
extension Tensor {
    /// Nearest-neighbour upsampling by an integer factor f: [N, C, H, W] → [N, C, fH, fW],
    /// out[y, x] = in[⌊y/f⌋, ⌊x/f⌋] (PyTorch's `F.interpolate(mode="nearest", scale_factor=f)`).
    public func upsampleNearest(factor: Int) -> Tensor {
        precondition(rank == 4, "upsampleNearest: expected [N, C, H, W], got \(shape)")
        precondition(factor >= 1, "upsampleNearest: factor must be ≥ 1, got \(factor)")
        if factor == 1 { return self }
        let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
        let y = Tensor.make([shape[0], shape[1], h * factor, w * factor]) { out in
            withUnsafeBufferPointer { ResamplingKernels.nearest($0.baseAddress!, planes: planes, height: h, width: w,
                                                                factor: factor, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "upsampleNearest", inputs: [self]) { g, _ in [g.upsampleNearestAdjoint(factor: factor)] }
    }

    /// The adjoint of `upsampleNearest`: sum-pooling over f×f blocks,
    /// [N, C, fH, fW] → [N, C, H, W]. H and W must be divisible by f.
    public func upsampleNearestAdjoint(factor: Int) -> Tensor {
        precondition(rank == 4, "upsampleNearestAdjoint: expected [N, C, H, W], got \(shape)")
        precondition(factor >= 1 && shape[2] % factor == 0 && shape[3] % factor == 0,
                     "upsampleNearestAdjoint: factor \(factor) must be ≥ 1 and divide the image size \(shape[2])×\(shape[3])")
        if factor == 1 { return self }
        let (planes, h, w) = (shape[0] * shape[1], shape[2] / factor, shape[3] / factor)
        let y = Tensor.make([shape[0], shape[1], h, w]) { out in
            withUnsafeBufferPointer { ResamplingKernels.blockSum($0.baseAddress!, planes: planes, height: h, width: w,
                                                                 factor: factor, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "upsampleNearestAdjoint", inputs: [self]) { g, _ in [g.upsampleNearest(factor: factor)] }
    }

    /// Bilinear resizing to `size` (Ho, Wo) with PyTorch's `align_corners=False` convention:
    /// output pixel o samples input coordinate max(0, (o + ½)·H/Ho − ½), interpolating between
    /// its two neighbours (clamped at the border). Also shrinks, without antialiasing.
    public func upsampleBilinear(toSize size: (Int, Int)) -> Tensor {
        precondition(rank == 4, "upsampleBilinear: expected [N, C, H, W], got \(shape)")
        return bilinear(BilinearPlan(input: shape, output: size, scale: nil, op: "upsampleBilinear"))
    }

    /// Bilinear resizing by `scale` to ⌊H·scale⌋ × ⌊W·scale⌋, mapping output pixel o to input
    /// coordinate (o + ½)/scale − ½ as PyTorch's `F.interpolate(scale_factor=scale,
    /// mode="bilinear", align_corners=False)` does (identical to `toSize:` for integer scales).
    public func upsampleBilinear(scale: Double) -> Tensor {
        precondition(rank == 4, "upsampleBilinear: expected [N, C, H, W], got \(shape)")
        precondition(scale > 0, "upsampleBilinear: scale must be positive, got \(scale)")
        let size = (Int((Double(shape[2]) * scale).rounded(.down)), Int((Double(shape[3]) * scale).rounded(.down)))
        return bilinear(BilinearPlan(input: shape, output: size, scale: scale, op: "upsampleBilinear"))
    }

    /// The adjoint of `upsampleBilinear`: this [N, C, Ho, Wo] tensor is scattered back to
    /// [N, C, H, W], (H, W) = `toSize`, with the interpolation weights of
    /// `upsampleBilinear(toSize: (Ho, Wo))` from H×W (or of `upsampleBilinear(scale:)` when
    /// `scale` is given).
    public func upsampleBilinearAdjoint(toSize size: (Int, Int), scale: Double? = nil) -> Tensor {
        precondition(rank == 4, "upsampleBilinearAdjoint: expected [N, C, Ho, Wo], got \(shape)")
        let plan = BilinearPlan(input: [shape[0], shape[1], size.0, size.1], output: (shape[2], shape[3]), scale: scale,
                                op: "upsampleBilinearAdjoint")
        return bilinearAdjoint(plan)
    }

    private func bilinear(_ plan: BilinearPlan) -> Tensor {
        let y = Tensor.make([plan.batch, plan.channels, plan.rows.count, plan.columns.count]) { out in
            withUnsafeBufferPointer { ResamplingKernels.bilinear(plan, $0.baseAddress!, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "upsampleBilinear", inputs: [self]) { g, _ in [g.bilinearAdjoint(plan)] }
    }

    private func bilinearAdjoint(_ plan: BilinearPlan) -> Tensor {
        let y = Tensor.make([plan.batch, plan.channels, plan.height, plan.width]) { out in
            withUnsafeBufferPointer { ResamplingKernels.bilinearAdjoint(plan, $0.baseAddress!, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "upsampleBilinearAdjoint", inputs: [self]) { g, _ in [g.bilinear(plan)] }
    }
}

/// One output index of 1-D linear interpolation: weights of its two input neighbours.
struct LinearTap {
    let first: Int, second: Int, firstWeight: Float, secondWeight: Float
}

/// The separable taps of a bilinear resize from H×W to Ho×Wo (align_corners=False).
struct BilinearPlan {
    let batch: Int, channels: Int, height: Int, width: Int
    let rows: [LinearTap], columns: [LinearTap]

    init(input shape: [Int], output size: (Int, Int), scale: Double?, op: String) {
        precondition(shape.count == 4 && shape[2] >= 1 && shape[3] >= 1, "\(op): expected a non-empty [N, C, H, W] image, got \(shape)")
        precondition(size.0 >= 1 && size.1 >= 1, "\(op): output size \(size) must be at least 1×1")
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        rows = Self.taps(input: height, output: size.0, scale: scale)
        columns = Self.taps(input: width, output: size.1, scale: scale)
    }

    /// PyTorch's `area_pixel_compute_source_index` and `compute_indices_weights_linear`.
    static func taps(input: Int, output: Int, scale: Double?) -> [LinearTap] {
        let ratio = scale.map { 1 / $0 } ?? Double(input) / Double(output)
        return (0..<output).map { o in
            let source = Swift.max(0, ratio * (Double(o) + 0.5) - 0.5)
            let first = Swift.min(Int(source), input - 1)
            let lambda = Swift.min(Swift.max(source - Double(first), 0), 1)
            return LinearTap(first: first, second: first < input - 1 ? first + 1 : first,
                             firstWeight: Float(1 - lambda), secondWeight: Float(lambda))
        }
    }
}

/// Plane-parallel loops of nearest and bilinear resizing and their adjoints.
enum ResamplingKernels {
    /// out[y, x] = in[⌊y/f⌋, ⌊x/f⌋] on each of `planes` H×W planes.
    static func nearest(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int, factor f: Int,
                        into y: UnsafeMutablePointer<Float>) {
        let src = UncheckedSendable(x), dst = UncheckedSendable(y)
        parallelChunks(planes * h, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(w * f * f, 1))) { inputRows in
            for inputRow in inputRows {
                let input = src.value + inputRow * w
                let out = dst.value + inputRow * f * w * f
                for ix in 0..<w {
                    let v = input[ix]
                    for j in 0..<f { out[ix * f + j] = v }
                }
                for i in 1..<f { (out + i * w * f).update(from: out, count: w * f) }
            }
        }
    }

    /// out[y, x] = Σ of the f×f block of in at (y, x), on each of `planes` output planes H×W.
    static func blockSum(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int, factor f: Int,
                         into y: UnsafeMutablePointer<Float>) {
        let src = UncheckedSendable(x), dst = UncheckedSendable(y)
        parallelChunks(planes * h, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(w * f * f, 1))) { outputRows in
            for outputRow in outputRows {
                let input = src.value + outputRow * f * w * f
                let out = dst.value + outputRow * w
                out.update(repeating: 0, count: w)
                for i in 0..<f {
                    let row = input + i * w * f
                    for ox in 0..<w {
                        var sum: Float = 0
                        for j in 0..<f { sum += row[ox * f + j] }
                        out[ox] += sum
                    }
                }
            }
        }
    }

    static func bilinear(_ p: BilinearPlan, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo) = (p.height, p.width, p.rows.count, p.columns.count)
        let src = UncheckedSendable(x), dst = UncheckedSendable(y)
        p.rows.withUnsafeBufferPointer { rowTaps in
            p.columns.withUnsafeBufferPointer { columnTaps in
                let rt = UncheckedSendable(rowTaps), ct = UncheckedSendable(columnTaps)
                parallelChunks(p.batch * p.channels, minimumPerChunk: Swift.max(1, 8_192 / Swift.max(ho * wo, 1))) { planes in
                    for plane in planes {
                        let input = src.value + plane * h * w, out = dst.value + plane * ho * wo
                        for oy in 0..<ho {
                            let r = rt.value[oy]
                            let upper = input + r.first * w, lower = input + r.second * w
                            for ox in 0..<wo {
                                let c = ct.value[ox]
                                let top = c.firstWeight * upper[c.first] + c.secondWeight * upper[c.second]
                                let bottom = c.firstWeight * lower[c.first] + c.secondWeight * lower[c.second]
                                out[oy * wo + ox] = r.firstWeight * top + r.secondWeight * bottom
                            }
                        }
                    }
                }
            }
        }
    }

    static func bilinearAdjoint(_ p: BilinearPlan, _ g: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo) = (p.height, p.width, p.rows.count, p.columns.count)
        let src = UncheckedSendable(g), dst = UncheckedSendable(x)
        p.rows.withUnsafeBufferPointer { rowTaps in
            p.columns.withUnsafeBufferPointer { columnTaps in
                let rt = UncheckedSendable(rowTaps), ct = UncheckedSendable(columnTaps)
                parallelChunks(p.batch * p.channels, minimumPerChunk: Swift.max(1, 8_192 / Swift.max(ho * wo, 1))) { planes in
                    for plane in planes {
                        let grad = src.value + plane * ho * wo, out = dst.value + plane * h * w
                        out.update(repeating: 0, count: h * w)
                        for oy in 0..<ho {
                            let r = rt.value[oy]
                            let upper = out + r.first * w, lower = out + r.second * w
                            for ox in 0..<wo {
                                let c = ct.value[ox]
                                let v = grad[oy * wo + ox]
                                let top = r.firstWeight * v, bottom = r.secondWeight * v
                                upper[c.first] += c.firstWeight * top
                                upper[c.second] += c.secondWeight * top
                                lower[c.first] += c.firstWeight * bottom
                                lower[c.second] += c.secondWeight * bottom
                            }
                        }
                    }
                }
            }
        }
    }
}
