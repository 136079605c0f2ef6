import CKernels

/// Batch normalisation in training mode (Ioffe & Szegedy 2015) as one op.
extension Tensor {
    /// y = (x − μ)/√(σ² + ε)·γ + β per channel of x [N, C, H, W], with μ and σ² the mean and the
    /// biased variance over (N, H, W); γ (`weight`) and β (`bias`) are [C]. Returns y and the
    /// batch's μ and σ² ([C], constants) for running statistics.
    ///
    /// The value and first-order gradients take a few fused passes (`CKernels`): with
    /// x̂ = (x − μ)/√(σ² + ε) and n = N·H·W, ∂β = Σ g, ∂γ = Σ g·x̂ and
    /// ∂x = γ/√(σ² + ε)·(g − Σ g/n − x̂·Σ g·x̂/n). When the gradient itself is being recorded
    /// (double backprop), the same formulas are built from differentiable ops instead, so the
    /// op is differentiable to any order.
    public static func batchNormalization(_ x: Tensor, weight: Tensor, bias: Tensor,
                                          epsilon: Float) -> (output: Tensor, mean: Tensor, variance: Tensor) {
        precondition(x.rank == 4, "batchNormalization: input must be [N, C, H, W], got \(x.shape)")
        let (n, c, p) = (x.shape[0], x.shape[1], x.shape[2] * x.shape[3])
        precondition(weight.shape == [c] && bias.shape == [c],
                     "batchNormalization: weight \(weight.shape) and bias \(bias.shape) must be [\(c)] for input \(x.shape)")
        precondition(n * p > 1, "batchNormalization: needs more than one value per channel, got input \(x.shape)")
        var mean = [Float](repeating: 0, count: c), variance = [Float](repeating: 0, count: c)
        x.withUnsafeBufferPointer { xs in
            mean.withUnsafeMutableBufferPointer { ms in
                variance.withUnsafeMutableBufferPointer { vs in
                    let (xp, mp, vp) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(ms.baseAddress!),
                                        UncheckedSendable(vs.baseAddress!))
                    parallelChunks(c, minimumPerChunk: Swift.max(1, 32_768 / (n * p))) { channels in
                        gk_channel_moments(xp.value, n, c, p, channels.lowerBound, channels.upperBound, mp.value, vp.value)
                    }
                }
            }
        }
        let gamma = weight.scalars, beta = bias.scalars
        let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let scale = (0..<c).map { gamma[$0] * inverseStd[$0] }
        let shift = (0..<c).map { beta[$0] - mean[$0] * scale[$0] }
        let y = channelAffine(x, nil, a: scale, b: nil, d: shift)
        let output = record(y, op: "batchNormalization", inputs: [x, weight, bias]) { g, _ in
            if Autodiff.recording {
                return composedBatchNormalizationGradients(g, x, weight: weight, bias: bias, epsilon: epsilon)
            }
            var sumG = [Float](repeating: 0, count: c), sumGX = [Float](repeating: 0, count: c)
            g.withUnsafeBufferPointer { gs in
                x.withUnsafeBufferPointer { xs in
                    mean.withUnsafeBufferPointer { ms in
                        sumG.withUnsafeMutableBufferPointer { s1 in
                            sumGX.withUnsafeMutableBufferPointer { s2 in
                                let (gp, xp, mp) = (UncheckedSendable(gs.baseAddress!), UncheckedSendable(xs.baseAddress!),
                                                    UncheckedSendable(ms.baseAddress!))
                                let (sp, tp) = (UncheckedSendable(s1.baseAddress!), UncheckedSendable(s2.baseAddress!))
                                parallelChunks(c, minimumPerChunk: Swift.max(1, 32_768 / (n * p))) { channels in
                                    gk_channel_gradient_sums(gp.value, xp.value, n, c, p, channels.lowerBound,
                                                             channels.upperBound, mp.value, sp.value, tp.value)
                                }
                            }
                        }
                    }
                }
            }
            // ∂x = A·g + B·x + D per channel, A = γ·s, B = −A·s²·Σg(x − μ)/n,
            // D = A·(s²·Σg(x − μ)·μ − Σg)/n, with s = 1/√(σ² + ε).
            let count = Float(n * p)
            let a = scale
            let b = (0..<c).map { -a[$0] * inverseStd[$0] * inverseStd[$0] * sumGX[$0] / count }
            let d = (0..<c).map { a[$0] * (inverseStd[$0] * inverseStd[$0] * sumGX[$0] * mean[$0] - sumG[$0]) / count }
            return [x.needsGradient ? channelAffine(g, x, a: a, b: b, d: d) : nil,
                    weight.needsGradient ? Tensor(shape: [c], values: (0..<c).map { sumGX[$0] * inverseStd[$0] }) : nil,
                    bias.needsGradient ? Tensor(shape: [c], values: sumG) : nil]
        }
        return (output, Tensor(shape: [c], values: mean), Tensor(shape: [c], values: variance))
    }

    /// The same gradients as differentiable ops on x, γ, β and g.
    private static func composedBatchNormalizationGradients(_ g: Tensor, _ x: Tensor, weight: Tensor, bias: Tensor,
                                                            epsilon: Float) -> [Tensor?] {
        let axes = [0, 2, 3], perChannel = [1, x.shape[1], 1, 1]
        let centred = x - x.mean(axes: axes, keepDims: true)
        let inverseStd = ((centred * centred).mean(axes: axes, keepDims: true) + epsilon).pow(-0.5)
        let normalised = centred * inverseStd
        let gNormalised = g * normalised
        let dx = weight.reshaped(perChannel) * inverseStd
            * (g - g.mean(axes: axes, keepDims: true) - normalised * gNormalised.mean(axes: axes, keepDims: true))
        return [x.needsGradient ? dx : nil,
                weight.needsGradient ? gNormalised.sum(axes: axes) : nil,
                bias.needsGradient ? g.sum(axes: axes) : nil]
    }

    /// a[c]·u + b[c]·v + d[c] per channel of [N, C, H, W] tensors (v optional).
    private static func channelAffine(_ u: Tensor, _ v: Tensor?, a: [Float], b: [Float]?, d: [Float]) -> Tensor {
        let (n, c, p) = (u.shape[0], u.shape[1], u.shape[2] * u.shape[3])
        return Tensor.make(u.shape) { out in
            u.withUnsafeBufferPointer { us in
                (v ?? u).withUnsafeBufferPointer { vs in
                    a.withUnsafeBufferPointer { ap in
                        (b ?? a).withUnsafeBufferPointer { bp in
                            d.withUnsafeBufferPointer { dp in
                                let pointers = UncheckedSendable((us.baseAddress!, v == nil ? nil : vs.baseAddress!,
                                                                  ap.baseAddress!, bp.baseAddress!, dp.baseAddress!,
                                                                  out.baseAddress!))
                                parallelChunks(c, minimumPerChunk: Swift.max(1, 32_768 / (n * p))) { channels in
                                    let (u, v, a, b, d, y) = pointers.value
                                    gk_channel_affine(u, v, n, c, p, channels.lowerBound, channels.upperBound, a, b, d, y)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
