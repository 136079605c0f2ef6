/// Average pooling on NCHW images, as a pair of linear ops that are each other's pullback
/// (so pooling is differentiable to any order).
extension Tensor {
    /// Mean over k×k windows at `stride` (default k) over an input with `padding` on every
    /// side: [N, C, H, W] → [N, C, Ho, Wo], Ho = ⌊(H + 2p − k)/s⌋ + 1 (PyTorch's
    /// `F.avg_pool2d` with `ceil_mode=False`). With `countIncludePad` (PyTorch's default) every
    /// window is divided by k²; without it, by the number of its positions inside the image
    /// (Inception-v3's 3×3 branch pools, pytorch-fid's `count_include_pad=False`).
    public func avgPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0, countIncludePad: Bool = true) -> Tensor {
        let s = stride ?? kernel
        let plan = PoolingPlan(input: shape, kernel: kernel, stride: s, padding: padding, op: "avgPool2d")
        let y = Tensor.make([plan.batch, plan.channels, plan.outputHeight, plan.outputWidth]) { out in
            withUnsafeBufferPointer {
                PoolingKernels.average(plan, countIncludePad: countIncludePad, $0.baseAddress!, into: out.baseAddress!)
            }
        }
        return Tensor.record(y, op: "avgPool2d", inputs: [self]) { g, _ in
            [g.avgPool2dAdjoint(kernel: kernel, stride: s, padding: padding, countIncludePad: countIncludePad,
                                inputSize: (plan.height, plan.width))]
        }
    }

    /// The adjoint of `avgPool2d`: each element of this [N, C, Ho, Wo] tensor, divided by its
    /// window's divisor, is added to every in-image position of its window in a zero
    /// [N, C, H, W] image, (H, W) = `inputSize` (the shape of the pooled input, which Ho, Wo
    /// alone do not determine).
    public func avgPool2dAdjoint(kernel: Int, stride: Int? = nil, padding: Int = 0, countIncludePad: Bool = true,
                                 inputSize: (Int, Int)) -> Tensor {
        let s = stride ?? kernel
        precondition(rank == 4, "avgPool2dAdjoint: expected [N, C, Ho, Wo], got \(shape)")
        let plan = PoolingPlan(input: [shape[0], shape[1], inputSize.0, inputSize.1], kernel: kernel, stride: s,
                               padding: padding, op: "avgPool2dAdjoint")
        precondition(plan.outputHeight == shape[2] && plan.outputWidth == shape[3],
                     "avgPool2dAdjoint: \(shape) is not the pooled shape of an input of size \(inputSize) (kernel \(kernel), stride \(s), padding \(padding))")
        let y = Tensor.make([plan.batch, plan.channels, plan.height, plan.width]) { out in
            withUnsafeBufferPointer {
                PoolingKernels.averageAdjoint(plan, countIncludePad: countIncludePad, $0.baseAddress!, into: out.baseAddress!)
            }
        }
        return Tensor.record(y, op: "avgPool2dAdjoint", inputs: [self]) { g, _ in
            [g.avgPool2d(kernel: kernel, stride: s, padding: padding, countIncludePad: countIncludePad)]
        }
    }
}

/// Shapes of a k×k, stride-s pooling over an input padded by p on every side (floor mode).
struct PoolingPlan {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernel: Int, stride: Int, padding: Int, outputHeight: Int, outputWidth: Int

    init(input shape: [Int], kernel: Int, stride: Int, padding: Int, op: String) {
        precondition(shape.count == 4, "\(op): expected [N, C, H, W], got \(shape)")
        precondition(kernel >= 1 && stride >= 1, "\(op): kernel \(kernel) and stride \(stride) must be ≥ 1")
        // PyTorch's own limit: a window never lies wholly in the padding.
        precondition(padding >= 0 && 2 * padding <= kernel, "\(op): padding \(padding) must lie in 0...\(kernel / 2)")
        precondition(shape[2] + 2 * padding >= kernel && shape[3] + 2 * padding >= kernel,
                     "\(op): kernel \(kernel) exceeds the padded image \(shape[2])×\(shape[3]) (padding \(padding))")
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        self.kernel = kernel; self.stride = stride; self.padding = padding
        outputHeight = (height + 2 * padding - kernel) / stride + 1
        outputWidth = (width + 2 * padding - kernel) / stride + 1
    }

    /// The input rows (or columns, with `extent` = width) that output row `o` reads.
    @inline(__always)
    func window(_ o: Int, extent: Int) -> Range<Int> {
        let start = o * stride - padding
        return Swift.max(0, start)..<Swift.min(extent, start + kernel)
    }

    /// Planes per parallel chunk: about 16 K input floats, so small images are not split finely.
    var planesPerChunk: Int { Swift.max(1, 16_384 / Swift.max(height * width, 1)) }
}

/// Plane-parallel loops of pooling and its adjoints.
enum PoolingKernels {
    static func average(_ p: PoolingPlan, countIncludePad: Bool, _ x: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo) = (p.height, p.width, p.outputHeight, p.outputWidth)
        let full = 1 / Float(p.kernel * p.kernel)
        let src = UncheckedSendable(x), dst = UncheckedSendable(y)
        parallelChunks(p.batch * p.channels, minimumPerChunk: p.planesPerChunk) { planes in
            for plane in planes {
                let input = src.value + plane * h * w, out = dst.value + plane * ho * wo
                for oy in 0..<ho {
                    let rows = p.window(oy, extent: h)
                    for ox in 0..<wo {
                        let columns = p.window(ox, extent: w)
                        var sum: Float = 0
                        for i in rows {
                            let row = input + i * w
                            for j in columns { sum += row[j] }
                        }
                        out[oy * wo + ox] = sum * (countIncludePad ? full : 1 / Float(rows.count * columns.count))
                    }
                }
            }
        }
    }

    static func averageAdjoint(_ p: PoolingPlan, countIncludePad: Bool, _ g: UnsafePointer<Float>,
                               into x: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo) = (p.height, p.width, p.outputHeight, p.outputWidth)
        let full = 1 / Float(p.kernel * p.kernel)
        let src = UncheckedSendable(g), dst = UncheckedSendable(x)
        parallelChunks(p.batch * p.channels, minimumPerChunk: p.planesPerChunk) { planes in
            for plane in planes {
                let grad = src.value + plane * ho * wo, out = dst.value + plane * h * w
                out.update(repeating: 0, count: h * w)
                for oy in 0..<ho {
                    let rows = p.window(oy, extent: h)
                    for ox in 0..<wo {
                        let columns = p.window(ox, extent: w)
                        let share = grad[oy * wo + ox] * (countIncludePad ? full : 1 / Float(rows.count * columns.count))
                        for i in rows {
                            let row = out + i * w
                            for j in columns { row[j] += share }
                        }
                    }
                }
            }
        }
    }

    /// Max over each window's in-image positions (the padding counts as −∞, as in PyTorch);
    /// the first maximum in row-major order wins ties, and a NaN propagates. When `indices` is given, it receives
    /// the flat index into `x` of each output's maximum.
    static func maximum(_ p: PoolingPlan, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                        indices: UnsafeMutablePointer<Int>?) {
        let (h, w, ho, wo) = (p.height, p.width, p.outputHeight, p.outputWidth)
        let src = UncheckedSendable(x), dst = UncheckedSendable(y), argmax = UncheckedSendable(indices)
        parallelChunks(p.batch * p.channels, minimumPerChunk: p.planesPerChunk) { planes in
            for plane in planes {
                let input = src.value + plane * h * w, out = dst.value + plane * ho * wo
                for oy in 0..<ho {
                    let rows = p.window(oy, extent: h)
                    for ox in 0..<wo {
                        let columns = p.window(ox, extent: w)
                        var best = -Float.infinity, at = rows.lowerBound * w + columns.lowerBound
                        for i in rows {
                            let row = input + i * w
                            for j in columns where row[j] > best || (row[j].isNaN && !best.isNaN) {
                                best = row[j]; at = i * w + j
                            }
                        }
                        out[oy * wo + ox] = best
                        argmax.value?[plane * ho * wo + oy * wo + ox] = plane * h * w + at
                    }
                }
            }
        }
    }
}
