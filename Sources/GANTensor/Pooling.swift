/// Average pooling on NCHW images, as a pair of linear ops that are each other's pullback
/// (so pooling is differentiable to any order).
extension Tensor {
    /// Mean over k×k windows at `stride` (default k), without padding:
    /// [N, C, H, W] → [N, C, Ho, Wo], Ho = ⌊(H − k)/s⌋ + 1 (PyTorch's `F.avg_pool2d`, padding 0).
    public func avgPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let plan = PoolingPlan(input: shape, kernel: kernel, stride: s, op: "avgPool2d")
        let y = Tensor.make([plan.batch, plan.channels, plan.outputHeight, plan.outputWidth]) { out in
            withUnsafeBufferPointer { PoolingKernels.average(plan, $0.baseAddress!, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "avgPool2d", inputs: [self]) { g, _ in
            [g.avgPool2dAdjoint(kernel: kernel, stride: s, inputSize: (plan.height, plan.width))]
        }
    }

    /// The adjoint of `avgPool2d`: each element of this [N, C, Ho, Wo] tensor, divided by k²,
    /// is added to every position of its window in a zero [N, C, H, W] image, (H, W) =
    /// `inputSize` (the shape of the pooled input, which Ho, Wo alone do not determine).
    public func avgPool2dAdjoint(kernel: Int, stride: Int? = nil, inputSize: (Int, Int)) -> Tensor {
        let s = stride ?? kernel
        precondition(rank == 4, "avgPool2dAdjoint: expected [N, C, Ho, Wo], got \(shape)")
        let plan = PoolingPlan(input: [shape[0], shape[1], inputSize.0, inputSize.1], kernel: kernel, stride: s,
                               op: "avgPool2dAdjoint")
        precondition(plan.outputHeight == shape[2] && plan.outputWidth == shape[3],
                     "avgPool2dAdjoint: \(shape) is not the pooled shape of an input of size \(inputSize) (kernel \(kernel), stride \(s))")
        let y = Tensor.make([plan.batch, plan.channels, plan.height, plan.width]) { out in
            withUnsafeBufferPointer { PoolingKernels.averageAdjoint(plan, $0.baseAddress!, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "avgPool2dAdjoint", inputs: [self]) { g, _ in
            [g.avgPool2d(kernel: kernel, stride: s)]
        }
    }
}

/// Shapes of a k×k, stride-s pooling without padding.
struct PoolingPlan {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernel: Int, stride: Int, outputHeight: Int, outputWidth: Int

    init(input shape: [Int], kernel: Int, stride: Int, op: String) {
        precondition(shape.count == 4, "\(op): expected [N, C, H, W], got \(shape)")
        precondition(kernel >= 1 && stride >= 1, "\(op): kernel \(kernel) and stride \(stride) must be ≥ 1")
        precondition(shape[2] >= kernel && shape[3] >= kernel, "\(op): kernel \(kernel) exceeds the image \(shape[2])×\(shape[3])")
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        self.kernel = kernel; self.stride = stride
        outputHeight = (height - kernel) / stride + 1
        outputWidth = (width - kernel) / stride + 1
    }
}

/// Plane-parallel loops of average pooling and its adjoint.
enum PoolingKernels {
    static func average(_ p: PoolingPlan, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo, k, s) = (p.height, p.width, p.outputHeight, p.outputWidth, p.kernel, p.stride)
        let scale = 1 / Float(k * k)
        let src = UncheckedSendable(x), dst = UncheckedSendable(y)
        parallelChunks(p.batch * p.channels, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(h * w, 1))) { planes in
            for plane in planes {
                let input = src.value + plane * h * w, out = dst.value + plane * ho * wo
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var sum: Float = 0
                        for i in 0..<k {
                            let row = input + (oy * s + i) * w + ox * s
                            for j in 0..<k { sum += row[j] }
                        }
                        out[oy * wo + ox] = sum * scale
                    }
                }
            }
        }
    }

    static func averageAdjoint(_ p: PoolingPlan, _ g: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>) {
        let (h, w, ho, wo, k, s) = (p.height, p.width, p.outputHeight, p.outputWidth, p.kernel, p.stride)
        let scale = 1 / Float(k * k)
        let src = UncheckedSendable(g), dst = UncheckedSendable(x)
        parallelChunks(p.batch * p.channels, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(h * w, 1))) { planes in
            for plane in planes {
                let grad = src.value + plane * ho * wo, out = dst.value + plane * h * w
                out.update(repeating: 0, count: h * w)
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        let share = grad[oy * wo + ox] * scale
                        for i in 0..<k {
                            let row = out + (oy * s + i) * w + ox * s
                            for j in 0..<k { row[j] += share }
                        }
                    }
                }
            }
        }
    }
}
