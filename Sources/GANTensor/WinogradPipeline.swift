import Dispatch

/// The batch pipelines shared by the Winograd convolution kernels (`WinogradKernels` for 4×4
/// kernels at stride 2, `Winograd3x3Kernels` for 3×3 kernels at stride 1), which supply what
/// differs: the algorithm's product count, the tile geometry and the tile transforms.
///
/// Each core takes a contiguous share of the batch, as `ConvolutionKernels` does, and runs it a
/// chunk of samples at a time in its own scratch buffers: pack the chunk's NCHW planes
/// channels-last (`ChannelsLast`), transform its tiles to `[ξ][tiles][channels]`, one sgemm per
/// product ξ, then the inverse transform (convolutions) or a sum over the chunks (weight
/// gradients, reduced over the shares at the end).
enum WinogradPipeline {
    /// `channels` planes of height×width per sample.
    struct Planes {
        let channels: Int, height: Int, width: Int
        var plane: Int { height * width }
        /// Floats of one sample's planes, without and with a one-pixel zero border.
        var floats: Int { channels * plane }
        var paddedFloats: Int { channels * (height + 2) * (width + 2) }
    }

    /// A convolution-like op of `source` (NCHW as `from`) into a tensor laid out as `to`:
    /// for each of `phases` phases p, M_ξ[T, to.channels] = V_ξ[T, K] · U_ξ[K, to.channels] with
    /// the filters U = `filters` [phases, products, K, to.channels].
    ///
    /// Per chunk, the source planes are packed channels-last with a one-pixel zero border;
    /// `transform(image, samples, p, v)` writes V [products, T, K] from them and
    /// `inverse(m, samples, p, result)` writes the channels-last result planes from M
    /// [products, T, to.channels]. With one phase the result overwrites the packed source (one
    /// buffer, the larger of the two); with several, every phase reads the source, so the result
    /// has its own buffer.
    @inline(__always)
    static func convolve(_ source: Tensor, from: Planes, filters: Tensor, productChannels k: Int, to: Planes,
                         products: Int, phases: Int, _ g: ConvGeometry, _ tiles: WinogradTiles,
                         transform: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void,
                         inverse: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let n = to.channels, shared = phases == 1
        let image = shared ? Swift.max(from.paddedFloats, to.floats) : from.paddedFloats
        let perSample = image + products * tiles.perSample * (k + n) + (shared ? 0 : to.floats)
        return Tensor.make([g.batch, n, to.height, to.width]) { out in
            source.withUnsafeBufferPointer { xs in
                filters.withUnsafeBufferPointer { us in
                    let (xp, up, op) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(us.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    forEachShare(g, floatsPerSample: perSample) { _, share, chunk, parallel in
                        let t = chunk * tiles.perSample
                        ScratchBuffers.with(chunk * image) { image in
                            ScratchBuffers.with(products * t * k) { v in
                                ScratchBuffers.with(products * t * n) { m in
                                    withResultBuffer(shared ? image : nil, chunk * to.floats) { result in
                                        forEachChunk(of: share, chunk) { first, count in
                                            let rows = count * tiles.perSample
                                            ChannelsLast.pack(xp.value + first * from.floats, samples: count,
                                                              channels: from.channels, height: from.height,
                                                              width: from.width, border: 1, into: image)
                                            for phase in 0..<phases {
                                                transform(image, count, phase, v)
                                                let u = up.value + phase * products * k * n
                                                for xi in 0..<products {
                                                    gemm(v + xi * rows * k, false, u + xi * k * n, false,
                                                         into: m + xi * rows * n, m: rows, n: n, k: k,
                                                         accumulate: false, parallel: parallel)
                                                }
                                                inverse(m, count, phase, result)
                                            }
                                            ChannelsLast.unpack(result, samples: count, channels: n, plane: to.plane,
                                                                into: op.value + first * to.floats)
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

    /// The weight gradient ∂⟨conv2d(x, w), gy⟩/∂w of x (NCHW as `input`) and gy (NCHW as
    /// `gradient`): M_ξ[O, K] = Σ_chunks Ū_ξ[T, O]ᵀ · V_ξ[T, K], O = gradient.channels, with V
    /// written by `transform(image, samples, v)` from x's planes packed channels-last with a
    /// one-pixel zero border and Ū by `transformGradient(planes, samples, ū)` from gy's planes
    /// packed channels-last without a border.
    ///
    /// Each share sums into its own M; `finish(total, scratch, kernels)` then gets, per output
    /// channel o, M[·, o, ·] summed over the shares as total[ξ·K + k], `scratchFloats` floats of
    /// scratch, and the o-th [C, kh, kw] block of the result to write.
    @inline(__always)
    static func weightGradient(_ x: Tensor, input: Planes, _ gy: Tensor, gradient: Planes, productChannels k: Int,
                               products: Int, kernel: (Int, Int), _ g: ConvGeometry, _ tiles: WinogradTiles,
                               transform: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void,
                               transformGradient: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void,
                               scratchFloats: Int,
                               finish: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
                                   -> Void) -> Tensor {
        let o = gradient.channels, size = products * o * k
        let parts = Swift.min(Parallelism.cores, g.batch)
        return ScratchBuffers.with(parts * size) { sums in
            x.withUnsafeBufferPointer { xs in
                gy.withUnsafeBufferPointer { gys in
                    let (xp, gp, sp) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(gys.baseAddress!),
                                        UncheckedSendable(sums))
                    let perSample = input.paddedFloats + gradient.floats + products * tiles.perSample * (k + o)
                    forEachShare(g, floatsPerSample: perSample) { part, share, chunk, parallel in
                        let t = chunk * tiles.perSample, sum = sp.value + part * size
                        ScratchBuffers.with(chunk * input.paddedFloats) { image in
                            ScratchBuffers.with(chunk * gradient.floats) { planes in
                                ScratchBuffers.with(products * t * k) { v in
                                    ScratchBuffers.with(products * t * o) { ugy in
                                        forEachChunk(of: share, chunk) { first, count in
                                            let n = count * tiles.perSample
                                            ChannelsLast.pack(xp.value + first * input.floats, samples: count,
                                                              channels: input.channels, height: input.height,
                                                              width: input.width, border: 1, into: image)
                                            transform(image, count, v)
                                            ChannelsLast.pack(gp.value + first * gradient.floats, samples: count,
                                                              channels: o, height: gradient.height,
                                                              width: gradient.width, border: 0, into: planes)
                                            transformGradient(planes, count, ugy)
                                            for xi in 0..<products {
                                                gemm(ugy + xi * n * o, true, v + xi * n * k, false, into: sum + xi * o * k,
                                                     m: o, n: k, k: n, accumulate: first > share.lowerBound,
                                                     parallel: parallel)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return Tensor.make([o, input.channels, kernel.0, kernel.1]) { out in
                        let op = UncheckedSendable(out.baseAddress!), taps = input.channels * kernel.0 * kernel.1
                        parallelChunks(o, minimumPerChunk: 8) { rows in
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: products * k + scratchFloats) { buffer in
                                let total = buffer.baseAddress!, scratch = total + products * k
                                for row in rows {
                                    for xi in 0..<products {
                                        let target = total + xi * k, first = sp.value + xi * o * k + row * k
                                        target.update(from: first, count: k)
                                        for part in 1..<parts {
                                            let partial = first + part * size
                                            for i in 0..<k { target[i] += partial[i] }
                                        }
                                    }
                                    finish(total, scratch, op.value + row * taps)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Filters

    /// The transformed filters U (shaped `shape`) of w [O, C, kh, kw] for conv2d:
    /// `transform(weights, c, u)` for each input channel c, a share of the channels per core,
    /// with `weights` w laid out as [C, kh, kw, O] (a tap's O filters contiguous).
    @inline(__always)
    static func forwardFilters(_ w: Tensor, shape: [Int],
                               _ transform: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1]), taps = w.shape[2] * w.shape[3]
        return Tensor.make(shape) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * taps) { wt in
                    ChannelsLast.transpose(ws.baseAddress!, rows: o, columns: c * taps, into: wt)
                    let (source, target) = (UncheckedSendable(wt), UncheckedSendable(out.baseAddress!))
                    parallelChunks(c, minimumPerChunk: Swift.max(1, 8192 / o)) { channels in
                        for channel in channels { transform(source.value, channel, target.value) }
                    }
                }
            }
        }
    }

    /// The transformed filters U (shaped `shape`) of w [O, C, kh, kw] for the input adjoint:
    /// `transform(filters, o, u)` for each output channel o, a share of them per core, with
    /// `filters` w[o] laid out as [kh, kw, C] (a tap's C filters contiguous).
    @inline(__always)
    static func transposedFilters(_ w: Tensor, shape: [Int],
                                  _ transform: (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void)
        -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1]), taps = w.shape[2] * w.shape[3]
        return Tensor.make(shape) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * taps) { wt in
                    let (weights, source, target) = (UncheckedSendable(ws.baseAddress!), UncheckedSendable(wt),
                                                     UncheckedSendable(out.baseAddress!))
                    parallelChunks(o, minimumPerChunk: Swift.max(1, 8192 / c)) { rows in
                        for row in rows {
                            let filters = source.value + row * c * taps
                            ChannelsLast.transpose(weights.value + row * c * taps, rows: c, columns: taps, into: filters)
                            transform(filters, row, target.value)
                        }
                    }
                }
            }
        }
    }

    // MARK: - Scheduling

    /// Runs `body(part, share, chunk, parallelGemm)` for one contiguous share of the batch per
    /// core, concurrently; each share is processed `chunk` samples at a time, as many as keep
    /// the working buffers (`floatsPerSample` each) within 2²¹ floats (8 MB). With one share
    /// (batch 1), its sgemm calls are split over the cores instead.
    static func forEachShare(_ g: ConvGeometry, floatsPerSample: Int, _ body: (Int, Range<Int>, Int, Bool) -> Void) {
        let parts = Swift.min(Parallelism.cores, g.batch)
        let limit = Swift.max(1, (1 << 21) / Swift.max(1, floatsPerSample))
        @Sendable func chunk(_ share: Range<Int>) -> Int {
            let pieces = (share.count + limit - 1) / limit
            return (share.count + pieces - 1) / Swift.max(1, pieces)
        }
        if parts <= 1 {
            body(0, 0..<g.batch, chunk(0..<g.batch), true)
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let share = g.batch * part / parts..<g.batch * (part + 1) / parts
                box.value(part, share, chunk(share), false)
            }
        }
    }

    /// Calls `body(first, count)` for the chunks of `chunk` samples (the last one shorter) that
    /// make up `share`, in order.
    @inline(__always)
    private static func forEachChunk(of share: Range<Int>, _ chunk: Int, _ body: (Int, Int) -> Void) {
        for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
            body(first, Swift.min(share.upperBound, first + chunk) - first)
        }
    }

    /// Calls `body` with `shared` if given, else with `count` floats of scratch.
    @inline(__always)
    private static func withResultBuffer(_ shared: UnsafeMutablePointer<Float>?, _ count: Int,
                                         _ body: (UnsafeMutablePointer<Float>) -> Void) {
        if let shared { body(shared) } else { ScratchBuffers.with(count, body) }
    }

    /// C (m×n, contiguous) = op(A)·op(B) (+ C when `accumulate`), A and B contiguous.
    @inline(__always)
    private static func gemm(_ a: UnsafePointer<Float>, _ ta: Bool, _ b: UnsafePointer<Float>, _ tb: Bool,
                             into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool,
                             parallel: Bool) {
        let lda = ta ? m : k, ldb = tb ? k : n
        if parallel {
            Gemm.multiply(a, rows: ta ? k : m, columns: lda, transposed: ta, b, rows: tb ? n : k, columns: ldb,
                          transposed: tb, into: c, accumulate: accumulate)
        } else {
            Gemm.serial(a, lda, ta, b, ldb, tb, into: c, ldc: n, m: m, n: n, k: k, accumulate: accumulate)
        }
    }
}
