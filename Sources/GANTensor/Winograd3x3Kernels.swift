import Dispatch

/// The three convolution ops for 3×3 kernels at stride 1 and padding 1 (the "same" 3×3 layers
/// of StyleGAN2 and SNGAN) by Winograd's F(2×2, 3×3) (`Winograd3x3Transforms`; Lavin & Gray,
/// CVPR 2016): 16 products per 2×2 output tile and channel pair where im2col's sgemm does 36,
/// and no column matrix (nine copies of the input) at all.
///
/// With V_ξ[T, C] the transformed 4×4 input tiles (T = 2×2 output tiles of the samples, read
/// from the input with a one-pixel zero border) and U_ξ the transformed filters:
/// - conv2d: M_ξ[T, O] = V_ξ[T, C] · U_ξ[C, O], then Aᵀ M A per tile;
/// - its input adjoint (convTranspose2d at stride 1, padding 1): x̄ is the same "same"
///   convolution of ȳ with the flipped, channel-transposed filter w′[c, o, a, b] =
///   w[o, c, 2 − a, 2 − b], so it runs the conv2d pipeline with U′_ξ[O, C];
/// - the weight gradient: M_ξ[O, C] = Ū_ξ[T, O]ᵀ · V_ξ[T, C], Ū = A ȳ Aᵀ of gy's 2×2 tiles,
///   then dW[o, c] = Gᵀ M G.
///
/// As in `WinogradKernels` (whose batch scheduling and sgemm wrapper this shares), activations
/// are channels-last inside so every transform works on contiguous channel vectors, and each
/// core takes a contiguous share of the batch. Results equal im2col's up to float rounding.
enum Winograd3x3Kernels {
    /// Whether the ops of geometry `g` with `outChannels` conv outputs run here: 3×3 kernel,
    /// stride 1, padding 1, even plane sides (whole 2×2 tiles), and at least 8 channels on
    /// both sides (thinner layers, such as an RGB input, are too small for sixteen sgemm calls
    /// to pay off, as for `WinogradKernels`).
    static func applies(_ g: ConvGeometry, outChannels: Int) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.stride == 1 && g.paddingHeight == 1 && g.paddingWidth == 1
            && g.height % 2 == 0 && g.width % 2 == 0
            && g.batch >= 1 && g.channels >= 8 && outChannels >= 8
    }

    /// conv2d(x, w) for x laid out as `g` and w [O, C, 3, 3].
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        filtered(x, forwardFilters(w), inChannels: g.channels, outChannels: w.shape[0], g)
    }

    /// The adjoint of x ↦ conv2d(x, w) applied to y [N, O, H, W]: a tensor laid out as `g`.
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        filtered(y, transposedFilters(w), inChannels: w.shape[0], outChannels: g.channels, g)
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, H, W]: [O, C, 3, 3].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = gy.shape[1], c = g.channels, tiles = Tiles(g), size = 16 * o * c
        let parts = Swift.min(Parallelism.cores, g.batch)
        return ScratchBuffers.with(parts * size) { sums in
            x.withUnsafeBufferPointer { xs in
                gy.withUnsafeBufferPointer { gys in
                    let (xp, gp, sp) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(gys.baseAddress!),
                                        UncheckedSendable(sums))
                    let perSample = tiles.padded * c + tiles.plane * o + 16 * tiles.perSample * (c + o)
                    WinogradKernels.forEachShare(g, floatsPerSample: perSample) { part, share, chunk, parallel in
                        let t = chunk * tiles.perSample, sum = sp.value + part * size
                        ScratchBuffers.with(chunk * tiles.padded * c) { image in
                            ScratchBuffers.with(chunk * tiles.plane * o) { gradient in
                                ScratchBuffers.with(16 * t * c) { v in
                                    ScratchBuffers.with(16 * t * o) { ugy in
                                        for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
                                            let count = Swift.min(share.upperBound, first + chunk) - first
                                            let n = count * tiles.perSample
                                            ChannelsLast.pack(xp.value + first * c * tiles.plane, samples: count,
                                                              channels: c, height: tiles.height, width: tiles.width,
                                                              border: 1, into: image)
                                            inputTiles(image, samples: count, channels: c, tiles, into: v)
                                            ChannelsLast.pack(gp.value + first * o * tiles.plane, samples: count,
                                                              channels: o, height: tiles.height, width: tiles.width,
                                                              border: 0, into: gradient)
                                            gradientTiles(gradient, samples: count, channels: o, tiles, into: ugy)
                                            for xi in 0..<16 {
                                                WinogradKernels.gemm(ugy + xi * n * o, true, v + xi * n * c, false,
                                                                     into: sum + xi * o * c, m: o, n: c, k: n,
                                                                     accumulate: first > share.lowerBound,
                                                                     parallel: parallel)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return Tensor.make([o, c, 3, 3]) { out in
                        let op = UncheckedSendable(out.baseAddress!)
                        parallelChunks(o, minimumPerChunk: 8) { rows in
                            withUnsafeTemporaryAllocation(of: Float.self, capacity: 25 * c) { buffer in
                                let total = buffer.baseAddress!, tile = total + 16 * c
                                for row in rows {
                                    for xi in 0..<16 {
                                        let target = total + xi * c, first = sp.value + xi * o * c + row * c
                                        target.update(from: first, count: c)
                                        for part in 1..<parts {
                                            let partial = first + part * size
                                            for i in 0..<c { target[i] += partial[i] }
                                        }
                                    }
                                    // tile[(3a + b)·C + k] = dW[row, k, a, b].
                                    Winograd3x3Transforms.filterGradient(total, stride: c, count: c, into: tile,
                                                                         rowStride: 3 * c, columnStride: c)
                                    let kernels = op.value + row * c * 9
                                    for k in 0..<c {
                                        for tap in 0..<9 { kernels[k * 9 + tap] = tile[tap * c + k] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Geometry

    /// The 2×2 output tiles of an H×W plane (`rows`×`columns`, `perSample` in all); stride 1
    /// and padding 1 make the output plane the input's size.
    struct Tiles {
        let rows: Int, columns: Int, perSample: Int, height: Int, width: Int
        /// Pixels of a plane, and of a plane with a one-pixel zero border.
        var plane: Int { height * width }
        var padded: Int { (height + 2) * (width + 2) }

        init(_ g: ConvGeometry) {
            height = g.height; width = g.width
            rows = g.height / 2; columns = g.width / 2; perSample = rows * columns
        }
    }

    /// The stride-1, padding-1 3×3 convolution of x [N, ci, H, W] with filters already
    /// transformed to U [16, ci, co]: [N, co, H, W].
    private static func filtered(_ x: Tensor, _ u: Tensor, inChannels ci: Int, outChannels co: Int,
                                 _ g: ConvGeometry) -> Tensor {
        let tiles = Tiles(g), plane = tiles.plane
        return Tensor.make([g.batch, co, g.height, g.width]) { out in
            x.withUnsafeBufferPointer { xs in
                u.withUnsafeBufferPointer { us in
                    let (xp, up, op) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(us.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    // One channels-last buffer per sample holds the padded input, then the output.
                    let image = Swift.max(tiles.padded * ci, plane * co)
                    WinogradKernels.forEachShare(g, floatsPerSample: image + 16 * tiles.perSample * (ci + co)) {
                        _, share, chunk, parallel in
                        let t = chunk * tiles.perSample
                        ScratchBuffers.with(chunk * image) { image in
                            ScratchBuffers.with(16 * t * ci) { v in
                                ScratchBuffers.with(16 * t * co) { m in
                                    for first in stride(from: share.lowerBound, to: share.upperBound, by: chunk) {
                                        let count = Swift.min(share.upperBound, first + chunk) - first
                                        let n = count * tiles.perSample
                                        ChannelsLast.pack(xp.value + first * ci * plane, samples: count, channels: ci,
                                                          height: g.height, width: g.width, border: 1, into: image)
                                        inputTiles(image, samples: count, channels: ci, tiles, into: v)
                                        for xi in 0..<16 {
                                            WinogradKernels.gemm(v + xi * n * ci, false, up.value + xi * ci * co, false,
                                                                 into: m + xi * n * co, m: n, n: co, k: ci,
                                                                 accumulate: false, parallel: parallel)
                                        }
                                        outputTiles(m, samples: count, channels: co, tiles, into: image)
                                        ChannelsLast.unpack(image, samples: count, channels: co, plane: plane,
                                                            into: op.value + first * co * plane)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Filter transforms

    /// U[ξ][c][o] = G g Gᵀ of g = w[o, c]: [16, C, O], transformed O filters at a time from w
    /// laid out as [C, 3, 3, O].
    private static func forwardFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1])
        return Tensor.make([16, c, o]) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * 9) { wt in
                    ChannelsLast.transpose(ws.baseAddress!, rows: o, columns: c * 9, into: wt)
                    let (source, target) = (UncheckedSendable(wt), UncheckedSendable(out.baseAddress!))
                    parallelChunks(c, minimumPerChunk: Swift.max(1, 8192 / o)) { channels in
                        for channel in channels {
                            Winograd3x3Transforms.filter(source.value + channel * 9 * o, rowStride: 3 * o,
                                                         columnStride: o, count: o,
                                                         into: target.value + channel * o, stride: c * o)
                        }
                    }
                }
            }
        }
    }

    /// U′[ξ][o][c] = G g Gᵀ of the flipped filter g[a, b] = w[o, c, 2 − a, 2 − b]: [16, O, C],
    /// transformed C filters at a time from w laid out as [O, 3, 3, C].
    private static func transposedFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1])
        return Tensor.make([16, o, c]) { out in
            w.withUnsafeBufferPointer { ws in
                ScratchBuffers.with(o * c * 9) { wt in
                    let (weights, source, target) = (UncheckedSendable(ws.baseAddress!), UncheckedSendable(wt),
                                                     UncheckedSendable(out.baseAddress!))
                    parallelChunks(o, minimumPerChunk: Swift.max(1, 8192 / c)) { rows in
                        for row in rows {
                            let filters = source.value + row * c * 9
                            ChannelsLast.transpose(weights.value + row * c * 9, rows: c, columns: 9, into: filters)
                            // g[a][b] at tap (2 − a, 2 − b): start at tap 8, step back.
                            Winograd3x3Transforms.filter(filters + 8 * c, rowStride: -3 * c, columnStride: -c, count: c,
                                                         into: target.value + row * c, stride: o * c)
                        }
                    }
                }
            }
        }
    }

    // MARK: - Tile transforms (one core, channels-last)

    /// V[ξ][t][c] = Bᵀ d B of the input tiles: tile t = (sample, tᵢ, tⱼ) has element (r, s) at
    /// row 2tᵢ + r, column 2tⱼ + s of the padded image.
    private static func inputTiles(_ image: UnsafePointer<Float>, samples: Int, channels c: Int, _ tiles: Tiles,
                                   into v: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, pw = tiles.width + 2
        for sample in 0..<samples {
            let padded = image + sample * tiles.padded * c
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    Winograd3x3Transforms.input(padded + (2 * ti * pw + 2 * tj) * c, rowStride: pw * c, columnStride: c,
                                                count: c, into: v + tile * c, stride: t * c)
                }
            }
        }
    }

    /// Ū[ξ][t][o] = A ȳ Aᵀ of the 2×2 tiles ȳ of the channels-last output gradient.
    private static func gradientTiles(_ gradient: UnsafePointer<Float>, samples: Int, channels o: Int, _ tiles: Tiles,
                                      into u: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, width = tiles.width
        for sample in 0..<samples {
            let plane = gradient + sample * tiles.plane * o
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    Winograd3x3Transforms.outputGradient(plane + (2 * ti * width + 2 * tj) * o, rowStride: width * o,
                                                         columnStride: o, count: o, into: u + tile * o, stride: t * o)
                }
            }
        }
    }

    /// Writes Aᵀ M A of M[ξ][t][k] (k < `channels`) to channels-last H×W planes: tile (tᵢ, tⱼ)
    /// entry (r, s) goes to row 2tᵢ + r, column 2tⱼ + s.
    private static func outputTiles(_ m: UnsafePointer<Float>, samples: Int, channels: Int, _ tiles: Tiles,
                                    into y: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, width = tiles.width
        for sample in 0..<samples {
            let target = y + sample * tiles.plane * channels
            for ti in 0..<tiles.rows {
                for tj in 0..<tiles.columns {
                    let tile = (sample * tiles.rows + ti) * tiles.columns + tj
                    Winograd3x3Transforms.output(m + tile * channels, stride: t * channels, count: channels,
                                                 into: target + (2 * ti * width + 2 * tj) * channels,
                                                 rowStride: width * channels, columnStride: channels)
                }
            }
        }
    }
}
