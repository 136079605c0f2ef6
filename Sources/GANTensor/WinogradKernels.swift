/// The three convolution ops for 4×4 kernels at stride 2 and padding 1 (DCGAN's and most GANs'
/// down- and up-sampling layers) by Winograd's F(2×2, 2×2) (`WinogradTransforms.f2x2`): 9 products
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
/// The batch scheduling, packing and sgemm calls are `WinogradPipeline`'s; inside, activations
/// are channels-last (NHWC; inputs with a one-pixel zero border), so every transform works on
/// contiguous channel vectors. The results equal im2col's up to float rounding (tests compare
/// both paths, and PyTorch).
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
        let o = w.shape[0], c = g.channels, f = WinogradTransforms.f2x2, tiles = WinogradTiles(g, f)
        return WinogradPipeline.convolve(
            x, from: .init(channels: c, height: g.height, width: g.width), filters: forwardFilters(w),
            productChannels: 4 * c, to: .init(channels: o, height: g.outputHeight, width: g.outputWidth),
            products: f.products, phases: 1, g, tiles,
            transform: { image, samples, _, v in inputTiles(image, samples: samples, channels: c, tiles, f, into: v) },
            inverse: { m, samples, _, y in tiles.inverseTransform(m, samples: samples, channels: o, f.output, into: y) })
    }

    /// The adjoint of x ↦ conv2d(x, w) applied to y [N, O, Ho, Wo]: a tensor laid out as `g`,
    /// one output parity (q, q′) = (p >> 1, p & 1) per phase p.
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = w.shape[0], c = g.channels, f = WinogradTransforms.f2x2, tiles = WinogradTiles(g, f)
        return WinogradPipeline.convolve(
            y, from: .init(channels: o, height: g.outputHeight, width: g.outputWidth), filters: transposedFilters(w),
            productChannels: o, to: .init(channels: c, height: g.height, width: g.width), products: f.products,
            phases: 4, g, tiles,
            transform: { image, samples, phase, v in
                // Tile t has element (r, s) at row 2tᵢ + q + r, column 2tⱼ + q′ + s of the padded ȳ.
                tiles.transform(image, samples: samples, channels: o, planeWidth: g.outputWidth + 2,
                                planePixels: tiles.paddedOutput, origin: (phase >> 1, phase & 1), f.input, into: v)
            },
            inverse: { m, samples, phase, x in
                tiles.inverseTransform(m, samples: samples, channels: c, f.output, phase: (phase >> 1, phase & 1),
                                       phaseStride: 2, into: x)
            })
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, Ho, Wo]: [O, C, 4, 4].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = gy.shape[1], c = g.channels, cp = 4 * c, f = WinogradTransforms.f2x2, tiles = WinogradTiles(g, f)
        return WinogradPipeline.weightGradient(
            x, input: .init(channels: c, height: g.height, width: g.width), gy,
            gradient: .init(channels: o, height: g.outputHeight, width: g.outputWidth), productChannels: cp,
            products: f.products, kernel: (4, 4), g, tiles,
            transform: { image, samples, v in inputTiles(image, samples: samples, channels: c, tiles, f, into: v) },
            transformGradient: { planes, samples, ugy in
                // Ugy = G gy Gᵀ of gy's 2×2 tiles, the filters of this F(2×2, 2×2).
                tiles.transform(planes, samples: samples, channels: o, planeWidth: g.outputWidth,
                                planePixels: tiles.outputPlane, f.outputGradient, into: ugy)
            },
            scratchFloats: 4 * c,
            finish: { total, tile, kernels in
                for bh in 0..<2 {
                    for bw in 0..<2 {
                        // tile[(2a + a′)·C + k] = dW[o, k, 2a + bh, 2a′ + bw] for this output channel o.
                        f.filterGradient(total + (2 * bh + bw) * c, cp, c, tile, 2 * c, c)
                        for k in 0..<c {
                            let kernel = kernels + k * 16 + bh * 4 + bw
                            kernel[0] = tile[k]; kernel[2] = tile[c + k]
                            kernel[8] = tile[2 * c + k]; kernel[10] = tile[3 * c + k]
                        }
                    }
                }
            })
    }

    // MARK: - Filter transforms

    /// U[ξ][c′][o] = G g Gᵀ of the phase-(bh, bw) filter g = w[o, c, 2a + bh, 2a′ + bw],
    /// c′ = (2bh + bw)·C + c: [9, 4C, O], transformed O filters at a time.
    private static func forwardFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1]), f = WinogradTransforms.f2x2
        return WinogradPipeline.forwardFilters(w, shape: [9, 4 * c, o]) { weights, channel, u in
            for phase in 0..<4 {
                let (bh, bw) = (phase >> 1, phase & 1)
                f.filter(weights + (channel * 16 + bh * 4 + bw) * o, 8 * o, 2 * o, o, u + (phase * c + channel) * o,
                         4 * c * o)
            }
        }
    }

    /// For output parity p = 2q + q′ of the input adjoint: U_p[ξ][o][c] = G g Gᵀ of
    /// g = w[o, c, 3 − q − 2j, 3 − q′ − 2j′]: [4, 9, O, C], transformed C filters at a time.
    private static func transposedFilters(_ w: Tensor) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1]), f = WinogradTransforms.f2x2
        return WinogradPipeline.transposedFilters(w, shape: [4, 9, o, c]) { filters, row, u in
            for phase in 0..<4 {
                let (q, q2) = (phase >> 1, phase & 1)
                // g[j][j′] at tap (3 − q − 2j, 3 − q′ − 2j′): start at j = j′ = 0, step back.
                f.filter(filters + ((3 - q) * 4 + 3 - q2) * c, -8 * c, -2 * c, c, u + phase * 9 * o * c + row * c, o * c)
            }
        }
    }

    // MARK: - Tile transforms (one core, channels-last)

    /// V[ξ][t][c′] = Bᵀ d B of the input tiles: tile t = (sample, tᵢ, tⱼ) of phase (bh, bw) has
    /// element (r, s) at row 4tᵢ + 2r + bh, column 4tⱼ + 2s + bw of the padded image.
    private static func inputTiles(_ image: UnsafePointer<Float>, samples: Int, channels c: Int, _ tiles: WinogradTiles,
                                   _ f: WinogradTransforms, into v: UnsafeMutablePointer<Float>) {
        let t = samples * tiles.perSample, cp = 4 * c, pw = tiles.width + 2
        tiles.forEach(samples: samples) { sample, ti, tj, tile in
            let padded = image + sample * tiles.paddedInput * c
            for phase in 0..<4 {
                let (bh, bw) = (phase >> 1, phase & 1)
                f.input(padded + ((4 * ti + bh) * pw + 4 * tj + bw) * c, 2 * pw * c, 2 * c, c, v + tile * cp + phase * c,
                        t * cp)
            }
        }
    }
}
