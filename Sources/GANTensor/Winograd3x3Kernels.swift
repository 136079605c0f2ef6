/// The three convolution ops for 3×3 kernels at stride 1 and padding 1 (the "same" 3×3 layers
/// of StyleGAN2 and SNGAN) by Winograd's minimal filtering (Lavin & Gray, CVPR 2016):
/// F(4×4, 3×3) (`WinogradTransforms.f3x3Tile4`, 36 products per 4×4 output tile and channel
/// pair where im2col's sgemm does 144) when both plane sides are multiples of 4, F(2×2, 3×3)
/// (`f3x3`, 16 products per 2×2 tile where im2col does 36) when they are only even; no column
/// matrix (nine copies of the input) at all.
///
/// With V_ξ[T, C] the transformed (m + 2)×(m + 2) input tiles (T = m×m output tiles of the
/// samples, read from the input with a one-pixel zero border) and U_ξ the transformed filters:
/// - conv2d: M_ξ[T, O] = V_ξ[T, C] · U_ξ[C, O], then Aᵀ M A per tile;
/// - its input adjoint (convTranspose2d at stride 1, padding 1): x̄ is the same "same"
///   convolution of ȳ with the flipped, channel-transposed filter w′[c, o, a, b] =
///   w[o, c, 2 − a, 2 − b], so it runs the conv2d pipeline with U′_ξ[O, C];
/// - the weight gradient: M_ξ[O, C] = Ū_ξ[T, O]ᵀ · V_ξ[T, C], Ū = A ȳ Aᵀ of gy's m×m tiles,
///   then dW[o, c] = Gᵀ M G.
///
/// The three ops of one geometry always take the same algorithm, so a layer's backward pass
/// rounds as its forward pass does.
///
/// As for `WinogradKernels`, the batch scheduling, packing and sgemm calls are
/// `WinogradPipeline`'s: activations are channels-last inside so every transform works on
/// contiguous channel vectors, and each core takes a contiguous share of the batch. Results
/// equal im2col's up to float rounding.
enum Winograd3x3Kernels {
    /// Whether the ops of geometry `g` with `outChannels` conv outputs run here: 3×3 kernel,
    /// stride 1, padding 1, even plane sides (whole 2×2 tiles), and at least 8 channels on
    /// both sides (thinner layers, such as an RGB input, are too small for 16 or 36 sgemm calls
    /// to pay off, as for `WinogradKernels`).
    static func applies(_ g: ConvGeometry, outChannels: Int) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.stride == 1 && g.paddingHeight == 1 && g.paddingWidth == 1
            && g.height % 2 == 0 && g.width % 2 == 0
            && g.batch >= 1 && g.channels >= 8 && outChannels >= 8
    }

    /// The algorithm for the planes of `g` (which `applies`): F(4×4, 3×3) when 4 divides both
    /// sides, else F(2×2, 3×3).
    static func transforms(_ g: ConvGeometry) -> WinogradTransforms {
        g.height % 4 == 0 && g.width % 4 == 0 ? .f3x3Tile4 : .f3x3
    }

    /// conv2d(x, w) for x laid out as `g` and w [O, C, 3, 3].
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let f = transforms(g)
        return filtered(x, forwardFilters(w, f), inChannels: g.channels, outChannels: w.shape[0], g, f)
    }

    /// The adjoint of x ↦ conv2d(x, w) applied to y [N, O, H, W]: a tensor laid out as `g`.
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let f = transforms(g)
        return filtered(y, transposedFilters(w, f), inChannels: w.shape[0], outChannels: g.channels, g, f)
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, H, W]: [O, C, 3, 3].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let o = gy.shape[1], c = g.channels, f = transforms(g), tiles = WinogradTiles(g, f)
        return WinogradPipeline.weightGradient(
            x, input: .init(channels: c, height: g.height, width: g.width), gy,
            gradient: .init(channels: o, height: g.height, width: g.width), productChannels: c, products: f.products,
            kernel: (3, 3), g, tiles,
            transform: { image, samples, v in inputTiles(image, samples: samples, channels: c, tiles, f, into: v) },
            transformGradient: { planes, samples, ugy in
                // Ū = A ȳ Aᵀ of the m×m tiles ȳ of the output gradient.
                tiles.transform(planes, samples: samples, channels: o, planeWidth: g.width, planePixels: tiles.outputPlane,
                                f.outputGradient, into: ugy)
            },
            scratchFloats: 9 * c,
            finish: { total, tile, kernels in
                // tile[(3a + b)·C + k] = dW[o, k, a, b] for this output channel o.
                f.filterGradient(total, c, c, tile, 3 * c, c)
                for k in 0..<c {
                    for tap in 0..<9 { kernels[k * 9 + tap] = tile[tap * c + k] }
                }
            })
    }

    /// The stride-1, padding-1 3×3 convolution of x [N, ci, H, W] with filters already
    /// transformed by `f` to U [products, ci, co]: [N, co, H, W].
    private static func filtered(_ x: Tensor, _ u: Tensor, inChannels ci: Int, outChannels co: Int,
                                 _ g: ConvGeometry, _ f: WinogradTransforms) -> Tensor {
        let tiles = WinogradTiles(g, f)
        return WinogradPipeline.convolve(
            x, from: .init(channels: ci, height: g.height, width: g.width), filters: u, productChannels: ci,
            to: .init(channels: co, height: g.height, width: g.width), products: f.products, phases: 1, g, tiles,
            transform: { image, samples, _, v in inputTiles(image, samples: samples, channels: ci, tiles, f, into: v) },
            inverse: { m, samples, _, y in tiles.inverseTransform(m, samples: samples, channels: co, f.output, into: y) })
    }

    // MARK: - Filter transforms

    /// U[ξ][c][o] = G g Gᵀ of g = w[o, c]: [products, C, O], transformed O filters at a time.
    private static func forwardFilters(_ w: Tensor, _ f: WinogradTransforms) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1])
        return WinogradPipeline.forwardFilters(w, shape: [f.products, c, o]) { weights, channel, u in
            f.filter(weights + channel * 9 * o, 3 * o, o, o, u + channel * o, c * o)
        }
    }

    /// U′[ξ][o][c] = G g Gᵀ of the flipped filter g[a, b] = w[o, c, 2 − a, 2 − b]:
    /// [products, O, C], transformed C filters at a time.
    private static func transposedFilters(_ w: Tensor, _ f: WinogradTransforms) -> Tensor {
        let (o, c) = (w.shape[0], w.shape[1])
        return WinogradPipeline.transposedFilters(w, shape: [f.products, o, c]) { filters, row, u in
            // g[a][b] at tap (2 − a, 2 − b): start at tap 8, step back.
            f.filter(filters + 8 * c, -3 * c, -c, c, u + row * c, o * c)
        }
    }

    // MARK: - Tile transforms (one core, channels-last)

    /// V[ξ][t][c] = Bᵀ d B of the input tiles: tile t = (sample, tᵢ, tⱼ) has element (r, s) at
    /// row mtᵢ + r, column mtⱼ + s of the padded image.
    @inline(__always)
    private static func inputTiles(_ image: UnsafePointer<Float>, samples: Int, channels c: Int, _ tiles: WinogradTiles,
                                   _ f: WinogradTransforms, into v: UnsafeMutablePointer<Float>) {
        tiles.transform(image, samples: samples, channels: c, planeWidth: tiles.width + 2, planePixels: tiles.paddedInput,
                        f.input, into: v)
    }
}
