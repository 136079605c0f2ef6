/// The values of the three convolution ops: im2col/col2im plus one sgemm per pass over the
/// batch (one pass for DCGAN-sized batches; see `ConvGeometry.samplesPerPass`).
///
/// With the column matrix X̂ [K, G·S] of a pass of G samples (K = C·kh·kw, S = Ho·Wo), the
/// weight W as [O, K] and an output-side tensor as Ŷ [O, G·S]:
/// conv2d is Ŷ = W·X̂, its input adjoint is X̂ = Wᵀ·Ŷ then col2im, and the weight gradient is
/// W̄ = Ŷ·X̂ᵀ summed over passes. Ŷ and NCHW differ by swapping the two leading axes of
/// [O, G, S] ↔ [G, O, S], a copy of contiguous S-float blocks that is skipped when G = 1.
enum ConvolutionKernels {
    /// conv2d(x, w) for x laid out as `g` and w [O, C, kh, kw].
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = w.shape[0], k = g.patch, s = g.outputPlane, pass = g.samplesPerPass
        return Tensor.make([g.batch, outChannels, g.outputHeight, g.outputWidth]) { out in
            x.withUnsafeBufferPointer { xs in
                w.withUnsafeBufferPointer { ws in
                    ScratchBuffers.with(k * pass * s) { cols in
                        ScratchBuffers.with(pass > 1 ? outChannels * pass * s : 0) { columnsOut in
                            for first in stride(from: 0, to: g.batch, by: pass) {
                                let samples = first..<Swift.min(g.batch, first + pass), n = samples.count
                                Im2Col.gather(xs.baseAddress!, g, samples: samples, into: cols)
                                let target = n == 1 ? out.baseAddress! + first * outChannels * s : columnsOut
                                Gemm.multiply(ws.baseAddress!, rows: outChannels, columns: k, transposed: false,
                                              cols, rows: k, columns: n * s, transposed: false,
                                              into: target, accumulate: false)
                                if n > 1 {
                                    Im2Col.swapLeadingAxes(columnsOut, outChannels, n, plane: s,
                                                           into: out.baseAddress! + first * outChannels * s)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of x ↦ conv2d(x, w) applied to y [N, O, Ho, Wo]: a tensor laid out as `g`.
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = w.shape[0], k = g.patch, s = g.outputPlane, pass = g.samplesPerPass
        return Tensor.make([g.batch, g.channels, g.height, g.width]) { out in
            y.withUnsafeBufferPointer { ys in
                w.withUnsafeBufferPointer { ws in
                    ScratchBuffers.with(k * pass * s) { cols in
                        ScratchBuffers.with(pass > 1 ? outChannels * pass * s : 0) { columnsIn in
                            for first in stride(from: 0, to: g.batch, by: pass) {
                                let samples = first..<Swift.min(g.batch, first + pass), n = samples.count
                                let block = ys.baseAddress! + first * outChannels * s
                                if n > 1 { Im2Col.swapLeadingAxes(block, n, outChannels, plane: s, into: columnsIn) }
                                Gemm.multiply(ws.baseAddress!, rows: outChannels, columns: k, transposed: true,
                                              n > 1 ? UnsafePointer(columnsIn) : block, rows: outChannels, columns: n * s,
                                              transposed: false, into: cols, accumulate: false)
                                Im2Col.scatter(cols, g, samples: samples, into: out.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, Ho, Wo]: [O, C, kh, kw].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = gy.shape[1], k = g.patch, s = g.outputPlane, pass = g.samplesPerPass
        return Tensor.make([outChannels, g.channels, g.kernelHeight, g.kernelWidth]) { out in
            if g.batch == 0 { out.update(repeating: 0); return }
            x.withUnsafeBufferPointer { xs in
                gy.withUnsafeBufferPointer { gys in
                    ScratchBuffers.with(k * pass * s) { cols in
                        ScratchBuffers.with(pass > 1 ? outChannels * pass * s : 0) { columnsIn in
                            for first in stride(from: 0, to: g.batch, by: pass) {
                                let samples = first..<Swift.min(g.batch, first + pass), n = samples.count
                                Im2Col.gather(xs.baseAddress!, g, samples: samples, into: cols)
                                let block = gys.baseAddress! + first * outChannels * s
                                if n > 1 { Im2Col.swapLeadingAxes(block, n, outChannels, plane: s, into: columnsIn) }
                                Gemm.multiply(n > 1 ? UnsafePointer(columnsIn) : block, rows: outChannels, columns: n * s,
                                              transposed: false, cols, rows: k, columns: n * s, transposed: true,
                                              into: out.baseAddress!, accumulate: first > 0)
                            }
                        }
                    }
                }
            }
        }
    }
}
