/// The bias, leaky ReLU and gain of stylegan2-ada-pytorch's fused `bias_act`
/// (`torch_utils/ops/bias_act.py`, act `'lrelu'`) as one recorded op:
///
///     y = leakyReLU(x + b, slope) · gain,   b [C] broadcast along axis 1 of x [N, C, …].
///
/// It computes exactly what `(x + b).leakyReLU(slope) * gain` does, in the same order per element
/// (so the two agree bit for bit), in one pass instead of three; its pullback
/// `leakyReLUGradient(g, input: y, slope:, gain:)` is one pass instead of two, and b's gradient is
/// that sum over every axis but 1. The pullback masks by the output y, as the official op does
/// (`ref='y'`): with gain > 0, y > 0 exactly where x + b > 0. It is linear in g with the mask held
/// constant, so the op is differentiable to any order (R1 through a StyleGAN2 discriminator).
extension Tensor {
    /// leakyReLU(self + bias, slope) · gain for self [N, C, …] and bias [C]; `gain` > 0.
    public func biasLeakyReLU(_ bias: Tensor, slope: Float = 0.2, gain: Float) -> Tensor {
        precondition(rank >= 2 && bias.shape == [shape[1]],
                     "biasLeakyReLU: bias \(bias.shape) must be [\(rank >= 2 ? shape[1] : 0)] for input \(shape)")
        precondition(gain > 0, "biasLeakyReLU: gain must be > 0, got \(gain)")
        let channels = shape[1], plane = shape.dropFirst(2).reduce(1, *), planes = shape[0] * channels
        let y = Tensor.make(shape) { out in
            withUnsafeBufferPointer { xs in
                bias.withUnsafeBufferPointer { bs in
                    let (xp, bp, op) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(bs.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    parallelChunks(planes, minimumPerChunk: Swift.max(1, 32_768 / Swift.max(1, plane))) { range in
                        for p in range {
                            let b = bp.value[p % channels], source = xp.value + p * plane, target = op.value + p * plane
                            for i in 0..<plane {
                                let z = source[i] + b
                                target[i] = (z > 0 ? z : z * slope) * gain
                            }
                        }
                    }
                }
            }
        }
        let axes = [0] + Array(2..<rank)
        return Tensor.record(y, op: "biasLeakyReLU", inputs: [self, bias], savesOutput: true) { g, output in
            let gz = Tensor.leakyReLUGradient(g, input: output, slope: slope, gain: gain)
            return [gz, bias.needsGradient ? gz.sum(axes: axes) : nil]
        }
    }
}
