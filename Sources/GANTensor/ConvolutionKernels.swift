import Dispatch

/// The values of the three convolution ops: im2col/col2im plus sgemm, one pipeline per core.
///
/// With the column matrix X̂ [K, G·S] of a tile of G samples (K = C·kh·kw, S = Ho·Wo), the
/// weight W as [O, K] and an output-side tensor as Ŷ [O, G·S]: conv2d is Ŷ = W·X̂, its input
/// adjoint is X̂ = Wᵀ·Ŷ then col2im, and the weight gradient is W̄ = Σ_tiles Ŷ·X̂ᵀ. Ŷ and NCHW
/// differ by swapping the two leading axes of [O, G, S] ↔ [G, O, S], a copy of contiguous
/// S-float blocks that is skipped when G = 1.
///
/// Each core takes a contiguous share of the batch and runs gather → sgemm → copy on it tile by
/// tile, so the column matrix of a tile is still in that core's cache when sgemm reads it and
/// no core waits for another between the steps. With fewer samples than cores, one pipeline
/// runs and its sgemm is split over the cores instead.
enum ConvolutionKernels {
    /// conv2d(x, w) for x laid out as `g` and w [O, C, kh, kw].
    static func convolve(_ x: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = w.shape[0], k = g.patch, s = g.outputPlane
        return tileByTile([g.batch, outChannels, g.outputHeight, g.outputWidth], x, w, g, outChannels: outChannels) {
            tile, xp, wp, out in
            let first = tile.samples.lowerBound, n = tile.samples.count
            let target = out + first * outChannels * s
            // A 1×1 kernel at stride 1 without padding reads one sample's NCHW block as its column
            // matrix [C, H·W]: no gather (Inception-v3's many 1×1 layers).
            let columns = tile.direct ? xp + first * k * s : UnsafePointer(tile.columns)
            if !tile.direct { Im2Col.gather(xp, g, samples: tile.samples, into: tile.columns) }
            multiply(wp, k, false, columns, n * s, false, into: n == 1 ? target : tile.staging, m: outChannels,
                     n: n * s, k: k, accumulate: false, parallel: tile.parallelGemm)
            if n > 1 { Im2Col.swapLeadingAxes(tile.staging, outChannels, n, plane: s, into: target) }
        }
    }

    /// The adjoint of x ↦ conv2d(x, w) applied to y [N, O, Ho, Wo]: a tensor laid out as `g`.
    static func convolveTransposed(_ y: Tensor, _ w: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = w.shape[0], k = g.patch, s = g.outputPlane
        return tileByTile([g.batch, g.channels, g.height, g.width], y, w, g, outChannels: outChannels) {
            tile, yp, wp, out in
            let first = tile.samples.lowerBound, n = tile.samples.count
            let block = yp + first * outChannels * s
            // A pointwise kernel's column matrix of one sample is its NCHW block of x̄: the product
            // lands there, with no col2im.
            let columns = tile.direct ? out + first * k * s : tile.columns
            if n > 1 { Im2Col.swapLeadingAxes(block, n, outChannels, plane: s, into: tile.staging) }
            multiply(wp, k, true, n > 1 ? UnsafePointer(tile.staging) : block, n * s, false, into: columns, m: k,
                     n: n * s, k: outChannels, accumulate: false, parallel: tile.parallelGemm)
            if !tile.direct { Im2Col.scatter(tile.columns, g, samples: tile.samples, into: out) }
        }
    }

    /// ∂⟨conv2d(x, w), gy⟩/∂w for x laid out as `g` and gy [N, O, Ho, Wo]: [O, C, kh, kw].
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let outChannels = gy.shape[1], k = g.patch, s = g.outputPlane, size = outChannels * k
        return Tensor.make([outChannels, g.channels, g.kernelHeight, g.kernelWidth]) { out in
            if g.batch == 0 { out.update(repeating: 0); return }
            x.withUnsafeBufferPointer { xs in
                gy.withUnsafeBufferPointer { gys in
                    // Core 0 sums into `out`, the others into their own slice of `partials`.
                    ScratchBuffers.with((Parallelism.cores - 1) * size) { partials in
                        let (xp, gp, op, pp) = (UncheckedSendable(xs.baseAddress!), UncheckedSendable(gys.baseAddress!),
                                                UncheckedSendable(out.baseAddress!), UncheckedSendable(partials))
                        let parts = forEachTile(g, outChannels: outChannels) { tile in
                            let sum = tile.part == 0 ? op.value : pp.value + (tile.part - 1) * size
                            let first = tile.samples.lowerBound, n = tile.samples.count
                            let block = gp.value + first * outChannels * s
                            // A pointwise kernel reads one sample's NCHW block of x as its columns.
                            let columns = tile.direct ? xp.value + first * k * s : UnsafePointer(tile.columns)
                            if !tile.direct { Im2Col.gather(xp.value, g, samples: tile.samples, into: tile.columns) }
                            if n > 1 { Im2Col.swapLeadingAxes(block, n, outChannels, plane: s, into: tile.staging) }
                            multiply(n > 1 ? UnsafePointer(tile.staging) : block, n * s, false, columns, n * s, true,
                                     into: sum, m: outChannels, n: k, k: n * s, accumulate: !tile.startsShare,
                                     parallel: tile.parallelGemm)
                        }
                        if parts > 1 {
                            parallelChunks(size) { range in
                                for part in 1..<parts {
                                    let partial = pp.value + (part - 1) * size
                                    for i in range { op.value[i] += partial[i] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// One tile of samples of a core's share of the batch, with that core's scratch buffers.
    private struct Tile {
        /// The share (core) it belongs to, its samples, and whether it is the share's first.
        let part: Int, samples: Range<Int>, startsShare: Bool
        /// A pointwise geometry with one sample per tile: the column matrix is the sample's NCHW
        /// block, and `columns` is empty.
        let direct: Bool
        /// Room for the tile's column matrix [C·kh·kw, G·Ho·Wo] and, when the tile has several
        /// samples, for an output-side block [O, G·Ho·Wo] (`staging`, empty otherwise).
        let columns: UnsafeMutablePointer<Float>, staging: UnsafeMutablePointer<Float>
        /// Set when a single share must use every core for its sgemm.
        let parallelGemm: Bool
    }

    /// A tensor of `shape` written tile by tile: `body(tile, a, b, out)` for each tile of
    /// `forEachTile`, with the base addresses of `a`, `b` and the result.
    @inline(__always)
    private static func tileByTile(_ shape: [Int], _ a: Tensor, _ b: Tensor, _ g: ConvGeometry, outChannels: Int,
                                   _ body: (Tile, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>)
                                       -> Void) -> Tensor {
        Tensor.make(shape) { out in
            a.withUnsafeBufferPointer { aBuffer in
                b.withUnsafeBufferPointer { bBuffer in
                    let (ap, bp, op) = (UncheckedSendable(aBuffer.baseAddress!), UncheckedSendable(bBuffer.baseAddress!),
                                        UncheckedSendable(out.baseAddress!))
                    forEachTile(g, outChannels: outChannels) { tile in body(tile, ap.value, bp.value, op.value) }
                }
            }
        }
    }

    /// Runs `body` for each tile of each core's share of the batch (`perCore`), the shares
    /// concurrently and the tiles of a share in order, and returns the number of shares.
    @inline(__always)
    @discardableResult
    private static func forEachTile(_ g: ConvGeometry, outChannels: Int, _ body: (Tile) -> Void) -> Int {
        let k = g.patch, s = g.outputPlane
        return perCore(g, outChannels: outChannels) { part, share, tile, parallelGemm in
            let direct = g.isPointwise && tile == 1
            ScratchBuffers.with(direct ? 0 : k * tile * s) { columns in
                ScratchBuffers.with(tile > 1 ? outChannels * tile * s : 0) { staging in
                    for first in stride(from: share.lowerBound, to: share.upperBound, by: tile) {
                        body(Tile(part: part, samples: first..<Swift.min(share.upperBound, first + tile),
                                  startsShare: first == share.lowerBound, direct: direct, columns: columns,
                                  staging: staging, parallelGemm: parallelGemm))
                    }
                }
            }
        }
    }

    /// Runs `body(part, samples, tile, parallelGemm)` for one contiguous share of the batch per
    /// core, concurrently, and returns the number of parts. `tile` is the number of samples per
    /// tile; `parallelGemm` is set when a single part must use every core for its sgemm.
    @discardableResult
    private static func perCore(_ g: ConvGeometry, outChannels: Int, _ body: (Int, Range<Int>, Int, Bool) -> Void) -> Int {
        let parts = Swift.min(Parallelism.cores, g.batch)
        // Columns per tile: as many as keep the tile's column matrix and product within a
        // core's L2 cache (2¹⁷ floats of its 1 MB), but at least 256 so that sgemm amortises
        // re-packing the weight for every tile (256-column tiles ran 10–15 % faster than
        // 512-column ones on DCGAN's 8×8 and 4×4 layers). A plane of 256 or more outputs is
        // wide enough on its own: one sample per tile, whose product is NCHW without a swap.
        let columns = Swift.max(256, (1 << 17) / Swift.max(1, g.patch + outChannels))
        let tile = g.outputPlane >= 256 ? 1 : Swift.max(1, Swift.min(g.batch / Swift.max(parts, 1), columns / g.outputPlane))
        if parts <= 1 {
            body(0, 0..<g.batch, tile, true)
            return 1
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                box.value(part, g.batch * part / parts..<g.batch * (part + 1) / parts, tile, false)
            }
        }
        return parts
    }

    /// C (m×n, contiguous) = op(A)·op(B), A and B stored with row strides lda and ldb.
    @inline(__always)
    private static func multiply(_ a: UnsafePointer<Float>, _ lda: Int, _ ta: Bool, _ b: UnsafePointer<Float>, _ ldb: Int,
                                 _ tb: Bool, into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
                                 accumulate: Bool, parallel: Bool) {
        if parallel {
            Gemm.multiply(a, rows: ta ? k : m, columns: lda, transposed: ta, b, rows: tb ? n : k, columns: ldb, transposed: tb,
                          into: c, accumulate: accumulate)
        } else {
            Gemm.serial(a, lda, ta, b, ldb, tb, into: c, ldc: n, m: m, n: n, k: k, accumulate: accumulate)
        }
    }
}
