/// Max pooling on NCHW images (PyTorch's `F.max_pool2d`, dilation 1, floor mode).
///
/// The value is a selection of input elements, so its pullback scatters the output gradient to
/// the arg-max positions (`scatterAdded(flatIndices:shape:)`), whose own pullback gathers at the
/// same positions (`gathered(flatIndices:shape:)`): differentiable to any order, with the
/// arg-max held fixed as every piecewise-linear op's derivative does.
extension Tensor {
    /// Maximum over k×k windows at `stride` (default k) with `padding` on every side, the
    /// padding never chosen: [N, C, H, W] → [N, C, Ho, Wo], Ho = ⌊(H + 2p − k)/s⌋ + 1.
    /// The arg-max is kept only when a gradient can flow, so inference stores no indices.
    public func maxPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
        let s = stride ?? kernel
        let plan = PoolingPlan(input: shape, kernel: kernel, stride: s, padding: padding, op: "maxPool2d")
        let outShape = [plan.batch, plan.channels, plan.outputHeight, plan.outputWidth]
        let keepsIndices = Autodiff.isRecording && node != nil
        var indices = keepsIndices ? [Int](repeating: 0, count: Shape.elementCount(outShape)) : []
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer { xs in
                indices.withUnsafeMutableBufferPointer { idx in
                    PoolingKernels.maximum(plan, xs.baseAddress!, into: out.baseAddress!,
                                           indices: keepsIndices ? idx.baseAddress : nil)
                }
            }
        }
        let inputShape = shape
        return Tensor.record(y, op: "maxPool2d", inputs: [self]) { [indices] g, _ in
            [g.scatterAdded(flatIndices: indices, shape: inputShape)]
        }
    }
}
