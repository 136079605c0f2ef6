import Dispatch

/// The three convolution ops for 4×4 kernels at stride 2 and padding 1 (DCGAN's and most GANs'
/// down- and up-sampling layers) by Winograd's F(2×2, 2×2) (`WinogradTransforms`): 9 products
/// per 2×2 output tile and input channel where im2col's sgemm does 16, so 9/16 of the FLOPs.
///
/// Polyphase split (as in sub-pixel convolution, Shi et al. 2016): with u = 2a + b,
/// y[i] = Σᵤ w[u]·x[2i + u − 1] = Σ_b Σ_a w[2a + b]·P_b[i + a] where P_b[m] = x[2m + b − 1]
/// (zero outside the image). In 2-D the four phases (bh, bw) are 4C channels
/// c′ = (2bh + bw)·C + c of a stride-1 2×2 valid cross-correlation, which F(2×2, 2×2) computes:
/// - conv2d: M_ξ[T, O] = V_ξ[T, 4C] · U_ξ[4C, O], V the input tiles' and U the filters'
///   transforms, T the 2×2 output tiles of the samples;
/// - its input adjoint (convTranspose2d): output parity (q, q′) of x̄ is the 2×2
///   cross-correlation of ȳ (window rows 2tᵢ − 1 + q + r) with the filter
///   w[3 − q − 2j, 3 − q′ − 2j′], four stride-1 convolutions with C outputs each;
/// - the weight gradient: dW[o, c′, a, a′] = Σ_{n,i,j} gy[i, j]·P[i + a, j + a′] is
///   F(2×2, 2×2) with gy's 2×2 tiles as filters and the same input tiles as conv2d, summed
///   over tiles: M_ξ[O, 4C] = Ugy_ξ[T, O]ᵀ · V_ξ[T, 4C].
///
/// Inside, activations are channels-last (NHWC; inputs with a one-pixel zero border), so every
/// transform works on contiguous channel vectors. Each core takes a contiguous share of the
/// batch, as `ConvolutionKernels` does. The results equal im2col's up to float rounding
/// (tests compare both paths, and PyTorch).
enum WinogradKernels {
    /// Whether the ops of geometry `g` with `outChannels` conv outputs run here: 4×4 kernel,
    /// stride 2, padding 1, an input of exactly twice the output's size, even output sides
    /// (whole 2×2 tiles), and at least 8 channels on both sides (thinner layers are too small
    /// for nine sgemm calls to pay off).
    static func applies(_ g: ConvGeometry, outChannels: Int) -> Bool {
        g.kernelHeight == 4 && g.kernelWidth == 4 && g.stride == 2 && g.paddingHeight == 1 && g.paddingWidth == 1
            && g.height == 2 * g.outputHeight && g.width == 2 * g.outputWidth
            && g.outputHeight % 2 == 0 && g.outputWidth % 2 == 0
            && g.batch >= 1 && g.channels >= 8 && outChannels >= 8
    }

    /// conv2d(x, w) for x laid out as `g` and w [O, C, 4, 4].
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = w.shape[0], cp = 4 * g.channels, tiles = Tiles(g)
        let u = forwardFilters(w)
        return Tensor.make([g.batch, o, g.outputHeight, g.outputWidth]) { out in
            x.withUnsafeBufferPointer { xs in
                u.withUnsafeBufferPointer { us in
                    let (xp, up, op) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(us.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    // One channels-last buffer per sample holds the padded input, then the output.
                    let image = Swift.max(tiles.paddedInput * g.channels, tiles.outputPlane * o)
                    forEachShare(g, floatsPerSample: image + 9 * tiles.perSample * (cp + o)) { _, share, chunk, parallel in
                        let t = chunk * tiles.perSample
                        ScratchBuffers.with(chunk * image) { image in
                            ScratchBuffers.with(9 * t * cp) { v in
                                ScratchBuffers.with(9 * t * o) { m in
                                    for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
                                        let count = Swift.min(share.upperBound, first + chunk) - first
                                        let n = count * tiles.perSample
                                        ChannelsLast.pack(xp.value + first * g.channels * g.height * g.width,
                                                          samples: count, channels: g.channels, height: g.height,
                                                          width: g.width, border: 1, into: image)
                                        inputTiles(image, samples: count, channels: g.channels, tiles, into: v)
                                        for xi in 0..<9 {
                                            gemm(v + xi * n * cp, false, up.value + xi * cp * o, false, into: m + xi * n * o,
                                                 m: n, n: o, k: cp, accumulate: false, parallel: parallel)
                                        }
                                        outputTiles(m, samples: count, channels: o, tiles, phase: (0, 0), phaseStride: 1,
                                                    into: image)
                                        ChannelsLast.unpack(image, samples: count, channels: o, plane: tiles.outputPlane,
                                                            into: op.value + first * o * tiles.outputPlane)
                                    }
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
        let o = w.shape[0], c = g.channels, tiles = Tiles(g), inputPlane = g.height * g.width
        let u = transposedFilters(w)
        return Tensor.make([g.batch, c, g.height, g.width]) { out in
            y.withUnsafeBufferPointer { ys in
                u.withUnsafeBufferPointer { us in
                    let (yp, up, op) = (UncheckedSendable(ys.baseAddress!), UncheckedSendable(us.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    let perSample = tiles.paddedOutput * o + 9 * tiles.perSample * (o + c) + inputPlane * c
                    forEachShare(g, floatsPerSample: perSample) { _, share, chunk, parallel in
                        let t = chunk * tiles.perSample
                        ScratchBuffers.with(chunk * tiles.paddedOutput * o) { image in
                            ScratchBuffers.with(9 * t * o) { v in
                                ScratchBuffers.with(9 * t * c) { m in
                                    ScratchBuffers.with(chunk * inputPlane * c) { result in
                                        for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
                                            let count = Swift.min(share.upperBound, first + chunk) - first
                                            let n = count * tiles.perSample
                                            ChannelsLast.pack(yp.value + first * o * tiles.outputPlane, samples: count,
                                                              channels: o, height: g.outputHeight, width: g.outputWidth,
                                                              border: 1, into: image)
                                            for q in 0..<2 {
                                                for q2 in 0..<2 {
                                                    gradientTiles(image, samples: count, channels: o, tiles, phase: (q, q2),
                                                                  into: v)
                                                    let filters = up.value + (2 * q + q2) * 9 * o * c
                                                    for xi in 0..<9 {
                                                        gemm(v + xi * n * o, false, filters + xi * o * c, false,
                                                             into: m + xi * n * c, m: n, n: c, k: o, accumulate: false,
                                                             parallel: parallel)
                                                    }
                                                    outputTiles(m, samples: count, channels: c, tiles, phase: (q, q2),
                                                                phaseStride: 2, into: result)
                                                }
                                            }
                                            ChannelsLast.unpack(result, samples: count, channels: c, plane: inputPlane,
                                                                into: op.value + first * c * inputPlane)
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

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, Ho, Wo]: [O, C, 4, 4].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = gy.shape[1], c = g.channels, cp = 4 * c, tiles = Tiles(g), size = 9 * o * cp
        let parts = Swift.min(Parallelism.cores, g.batch)
        return ScratchBuffers.with(parts * size) { sums in
            x.withUnsafeBufferPointer { xs in
                gy.withUnsafeBufferPointer { gys in
                    let (xp, gp, sp) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(gys.baseAddress!),
                                        UncheckedSendable(sums))
                    let perSample = tiles.paddedInput * c + tiles.outputPlane * o + 9 * tiles.perSample * (cp + o)
                    forEachShare(g, floatsPerSample: perSample) { part, share, chunk, parallel in
                        let t = chunk * tiles.perSample, sum = sp.value + part * size
                        ScratchBuffers.with(chunk * tiles.paddedInput * c) { image in
                            ScratchBuffers.with(chunk * tiles.outputPlane * o) { gradient in
                                ScratchBuffers.with(9 * t * cp) { v in
                                    ScratchBuffers.with(9 * t * o) { ugy in
                                        for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
                                            let count = Swift.min(share.upperBound, first + chunk) - first
                                            let n = count * tiles.perSample
                                            ChannelsLast.pack(xp.value + first * c * g.height * g.width, samples: count,
                                                              channels: c, height: g.height, width: g.width, border: 1,
                                                              into: image)
                                            inputTiles(image, samples: count, channels: c, tiles, into: v)
                                            ChannelsLast.pack(gp.value + first * o * tiles.outputPlane, samples: count,
                                                              channels: o, height: g.outputHeight, width: g.outputWidth,
                                                              border: 0, into: gradient)
                                            outputGradientTiles(gradient, samples: count, channels: o, tiles, into: ugy)
                                            for xi in 0..<9 {
                                                gemm(ugy + xi * n * o, true, v + xi * n * cp, false, into: sum + xi * o * cp,
                                                     m: o, n: cp, k: n, accumulate: first > share.lowerBound,
                                                     parallel: parallel)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return Tensor.make([o, c, 4, 4]) { out in
                        let op = UncheckedSendable(out.baseAddress!)
                        parallelChunks(o, minimumPerChunk: 8) { rows in
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: 9 * cp + 4 * c) { buffer in
                                let total = buffer.baseAddress!, tile = total + 9 * cp
                                for row in rows {
                                    for xi in 0..<9 {
                                        let target = total + xi * cp, first = sp.value + xi * o * cp + row * cp
                                        target.update(from: first, count: cp)
                                        for part in 1..<parts {
                                            let partial = first + part * size
                                            for i in 0..<cp { target[i] += partial[i] }
                                        }
                                    }
                                    let kernels = op.value + row * c * 16
                                    for bh in 0..<2 {
                                        for bw in 0..<2 {
                                            // tile[(2a + a′)·C + k] = dW[row, k, 2a + bh, 2a′ + bw].
                                            WinogradTransforms.output(total + (2 * bh + bw) * c, stride: cp, count: c,
                                                                      into: tile, rowStride: 2 * c, columnStride: c)
                                            for k in 0..<c {
                                                let kernel = kernels + k * 16 + bh * 4 + bw
                                                kernel[0] = tile[k]; kernel[2] = tile[c + k]
                                                kernel[8] = tile[2 * c + k]; kernel[10] = tile[3 * c + k]
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
    }

    // MARK: - Geometry and scheduling

    /// The 2×2 output tiles of a sample (`rows`×`columns`, `perSample` in all) and the plane
    /// sizes around them.
    struct Tiles {
        let rows: Int, columns: Int, perSample: Int
        /// Conv-side (output) and image-side (input) plane sides.
        let outputHeight: Int, outputWidth: Int, height: Int, width: Int
        /// Pixels of an output plane, and of input and output planes with a one-pixel border.
        var outputPlane: Int { outputHeight * outputWidth }
        var paddedInput: Int { (height + 2) * (width + 2) }
        var paddedOutput: Int { (outputHeight + 2) * (outputWidth + 2) }

        init(_ g: ConvGeometry) {
            rows = g.outputHeight / 2; columns = g.outputWidth / 2; perSample = rows * columns
            outputHeight = g.outputHeight; outputWidth = g.outputWidth; height = g.height; width = g.width
        }
    }

    /// Runs `body(part, share, chunk, parallelGemm)` for one contiguous share of the batch per
    /// core, concurrently; each share is processed `chunk` samples at a time, as many as keep
    /// the working buffers (`floatsPerSample` each) within 2²¹ floats (8 MB). With one share
    /// (batch 1), its sgemm calls are split over the cores instead. `Winograd3x3Kernels` shares it.
    static func forEachShare(_ g: ConvGeometry, floatsPerSample: Int,
                                     _ body: (Int, Range<Int>, Int, Bool) -> Void) {
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

    /// C (m×n, contiguous) = op(A)·op(B) (+ C when `accumulate`), A and B contiguous.
    @inline(__always)
    static func gemm(_ a: UnsafePointer<Float>, _ ta: Bool, _ b: UnsafePointer<Float>, _ tb: Bool,
                             into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool, parallel: Bool) {
        let lda = ta ? m : k, ldb = tb ? k : n
        if parallel {
            Gemm.multiply(a, rows: ta ? k : m, columns: lda, transposed: ta, b, rows: tb ? n : k, columns: ldb,
                          transposed: tb, into: c, accumulate: accumulate)
        } else {
            Gemm.serial(a, lda, ta, b, ldb, tb, into: c, ldc: n, m: m, n: n, k: k, accumulate: accumulate)
        }
    }

    // MARK: - Filter transforms

    /// U[ξ][c′][o] = G g Gᵀ of the phase-(bh, bw) filter g = w[o, c, 2a + bh, 2a′ + bw],
    /// c′ = (2bh + bw)·C + c: [9, 4C, O], transformed O filters at a time from w laid out as
    /// [C, 4, 4, O].
    private static func forwardFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1]), cp = 4 * c
        return Tensor.make([9, cp, o]) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * 16) { wt in
                    ChannelsLast.transpose(ws.baseAddress!, rows: o, columns: c * 16, into: wt)
                    let (source, target) = (UncheckedSendable(wt), UncheckedSendable(out.baseAddress!))
                    parallelChunks(c, minimumPerChunk: Swift.max(1, 8192 / o)) { channels in
                        for channel in channels {
                            for phase in 0..<4 {
                                let (bh, bw) = (phase >> 1, phase & 1)
                                WinogradTransforms.filter(source.value + (channel * 16 + bh * 4 + bw) * o, rowStride: 8 * o,
                                                          columnStride: 2 * o, count: o,
                                                          into: target.value + (phase * c + channel) * o, stride: cp * o)
                            }
                        }
                    }
                }
            }
        }
    }

    /// For output parity p = 2q + q′ of the input adjoint: U_p[ξ][o][c] = G g Gᵀ of
    /// g = w[o, c, 3 − q − 2j, 3 − q′ − 2j′]: [4, 9, O, C], transformed C filters at a time from
    /// w laid out as [O, 4, 4, C].
    private static func transposedFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1])
        return Tensor.make([4, 9, o, c]) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * 16) { wt in
                    let (weights, source, target) = (UncheckedSendable(ws.baseAddress!), UncheckedSendable(wt),
                                                     UncheckedSendable(out.baseAddress!))
                    parallelChunks(o, minimumPerChunk: Swift.max(1, 8192 / c)) { rows in
                        for row in rows {
                            let filters = source.value + row * c * 16
                            ChannelsLast.transpose(weights.value + row * c * 16, rows: c, columns: 16, into: filters)
                            for phase in 0..<4 {
                                let (q, q2) = (phase >> 1, phase & 1)
                                // g[j][j′] at tap (3 − q − 2j, 3 − q′ − 2j′): start at j = j′ = 0, step back.
                                WinogradTransforms.filter(filters + ((3 - q) * 4 + 3 - q2) * c, rowStride: -8 * c,
                                                          columnStride: -2 * c, count: c,
                                                          into: target.value + phase * 9 * o * c + row * c, stride: o * c)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Tile transforms (one core, channels-last)

    /// V[ξ][t][c′] = Bᵀ d B of the input tiles: tile t = (sample, tᵢ, tⱼ) of phase (bh, bw) has
    /// element (r, s) at row 4tᵢ + 2r + bh, column 4tⱼ + 2s + bw of the padded image.
    private static func inputTiles(_ image: UnsafePointer<Float>, samples: Int, channels c: Int, _ tiles: Tiles,
                                   into v: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, cp = 4 * c, pw = tiles.width + 2
        for sample in 0..<samples {
            let padded = image + sample * tiles.paddedInput * c
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    for phase in 0..<4 {
                        let (bh, bw) = (phase >> 1, phase & 1)
                        WinogradTransforms.input(padded + ((4 * ti + bh) * pw + 4 * tj + bw) * c, rowStride: 2 * pw * c,
                                                 columnStride: 2 * c, count: c, into: v + tile * cp + phase * c,
                                                 stride: t * cp)
                    }
                }
            }
        }
    }

    /// V[ξ][t][o] = Bᵀ d B for output parity (q, q′) of the input adjoint: tile t has element
    /// (r, s) at row 2tᵢ + q + r, column 2tⱼ + q′ + s of the padded ȳ.
    private static func gradientTiles(_ image: UnsafePointer<Float>, samples: Int, channels o: Int, _ tiles: Tiles,
                                      phase: (Int, Int), into v: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, pw = tiles.outputWidth + 2
        for sample in 0..<samples {
            let padded = image + sample * tiles.paddedOutput * o
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    WinogradTransforms.input(padded + ((2 * ti + phase.0) * pw + 2 * tj + phase.1) * o,
                                             rowStride: pw * o, columnStride: o, count: o, into: v + tile * o,
                                             stride: t * o)
                }
            }
        }
    }

    /// Ugy[ξ][t][o] = G g Gᵀ of the 2×2 tiles g of the channels-last output gradient.
    private static func outputGradientTiles(_ gradient: UnsafePointer<Float>, samples: Int, channels o: Int,
                                            _ tiles: Tiles, into u: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, wo = tiles.outputWidth
        for sample in 0..<samples {
            let plane = gradient + sample * tiles.outputPlane * o
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    WinogradTransforms.filter(plane + (2 * ti * wo + 2 * tj) * o, rowStride: wo * o, columnStride: o,
                                              count: o, into: u + tile * o, stride: t * o)
                }
            }
        }
    }

    /// Writes Aᵀ M A of M[ξ][t][k] (k < `channels`) to channels-last planes: tile (tᵢ, tⱼ)
    /// entry (r, s) goes to row (2tᵢ + r)·σ + q, column (2tⱼ + s)·σ + q′, with σ =
    /// `phaseStride` and (q, q′) = `phase` (σ = 1 for conv2d's output, 2 for one parity of the
    /// input adjoint, whose planes are twice as high and wide).
    private static func outputTiles(_ m: UnsafePointer<Float>, samples: Int, channels: Int, _ tiles: Tiles,
                                    phase: (Int, Int), phaseStride sigma: Int, into y: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, width = tiles.outputWidth * sigma
        let plane = tiles.outputPlane * sigma * sigma
        for sample in 0..<samples {
            let target = y + (sample * plane + phase.0 * width + phase.1) * channels
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    WinogradTransforms.output(m + tile * channels, stride: t * channels, count: channels,
                                              into: target + (2 * ti * width + 2 * tj) * sigma * channels,
                                              rowStride: sigma * width * channels, columnStride: sigma * channels)
                }
            }
        }
    }
}
