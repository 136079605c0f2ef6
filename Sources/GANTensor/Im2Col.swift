/// The shape arithmetic of one 2-D convolution, seen from its input side: an input
/// [N, C, H, W] cross-correlated with a kh×kw kernel at `stride` over zero `padding` gives
/// Ho×Wo output planes, Ho = ⌊(H + 2p − kh) / s⌋ + 1 (PyTorch's `Conv2d` with dilation 1).
struct ConvGeometry {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int
    let outputHeight: Int, outputWidth: Int

    init(input shape: [Int], kernel: (Int, Int), stride: Int, padding: Int, op: String) {
        precondition(shape.count == 4, "\(op): input must be [N, C, H, W], got \(shape)")
        precondition(stride >= 1, "\(op): stride must be ≥ 1, got \(stride)")
        precondition(padding >= 0, "\(op): padding must be ≥ 0, got \(padding)")
        precondition(kernel.0 >= 1 && kernel.1 >= 1, "\(op): kernel \(kernel.0)×\(kernel.1) must be at least 1×1")
        precondition(shape[2] + 2 * padding >= kernel.0 && shape[3] + 2 * padding >= kernel.1,
                     "\(op): kernel \(kernel.0)×\(kernel.1) exceeds the padded input \(shape[2])×\(shape[3]) (padding \(padding))")
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        kernelHeight = kernel.0; kernelWidth = kernel.1
        self.stride = stride; self.padding = padding
        outputHeight = (height + 2 * padding - kernelHeight) / stride + 1
        outputWidth = (width + 2 * padding - kernelWidth) / stride + 1
    }

    /// Rows of the column matrix: one per (channel, kernel row, kernel column).
    var patch: Int { channels * kernelHeight * kernelWidth }
    var inputPlane: Int { height * width }
    var outputPlane: Int { outputHeight * outputWidth }

    /// Samples handled per pass so that the column matrix (patch × samples·Ho·Wo floats) stays
    /// within 8 M floats (32 MB): a DCGAN batch of 64 fits in one pass, a large image batch
    /// (Inception at 299×299) is cut into passes instead of allocating gigabytes.
    var samplesPerPass: Int {
        let perSample = Swift.max(1, patch * outputPlane)
        return Swift.max(1, Swift.min(batch, (1 << 23) / perSample))
    }

    /// Output indices o in 0..<count whose input index o·s + offset lies in 0..<extent.
    @inline(__always)
    static func validRange(offset: Int, stride s: Int, extent: Int, count: Int) -> Range<Int> {
        let lower = offset >= 0 ? 0 : (-offset + s - 1) / s
        let upper = extent - 1 - offset < 0 ? 0 : (extent - 1 - offset) / s + 1
        let lo = Swift.min(lower, count)
        return lo..<Swift.max(lo, Swift.min(upper, count))
    }
}

/// The im2col / col2im kernels behind convolution, and the block transpose that moves between
/// the column-matrix layout [O, N·Ho·Wo] and NCHW.
///
/// The column matrix of samples `first..<first+G` is [patch, G·Ho·Wo], row k = (c·kh + i)·kw + j,
/// column (n − first)·Ho·Wo + oy·Wo + ox, holding x[n, c, oy·s − p + i, ox·s − p + j] (zero in
/// the padding). A convolution over the whole pass is then one sgemm with it.
enum Im2Col {
    /// Fills the column matrix of `samples` from the NCHW input `x` (all N samples).
    static func gather(_ x: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        let (h, w, ho, wo) = (g.height, g.width, g.outputHeight, g.outputWidth)
        let first = samples.lowerBound, channels = g.channels
        let src = UncheckedSendable(x), dst = UncheckedSendable(cols)
        // One unit = one kernel tap (row k) of one sample: Ho·Wo contiguous outputs.
        parallelChunks(g.patch * count, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(plane, 1))) { units in
            for unit in units {
                let k = unit / count, local = unit % count
                let j = k % kw, i = (k / kw) % kh, c = k / (kh * kw)
                let input = src.value + ((first + local) * channels + c) * h * w
                let out = dst.value + k * rowLength + local * plane
                let rows = ConvGeometry.validRange(offset: i - p, stride: s, extent: h, count: ho)
                let cols = ConvGeometry.validRange(offset: j - p, stride: s, extent: w, count: wo)
                if rows.lowerBound > 0 { out.update(repeating: 0, count: rows.lowerBound * wo) }
                for oy in rows {
                    let o = out + oy * wo
                    let base = (oy * s + i - p) * w + j - p
                    for ox in 0..<cols.lowerBound { o[ox] = 0 }
                    if s == 1 {
                        (o + cols.lowerBound).update(from: input + base + cols.lowerBound, count: cols.count)
                    } else {
                        for ox in cols { o[ox] = input[base + ox * s] }
                    }
                    for ox in cols.upperBound..<wo { o[ox] = 0 }
                }
                if rows.upperBound < ho { (out + rows.upperBound * wo).update(repeating: 0, count: (ho - rows.upperBound) * wo) }
            }
        }
    }

    /// The adjoint of `gather` (col2im): overwrites samples `samples` of the NCHW tensor `x`
    /// with the sum, at each input position, of the column-matrix entries taken from it.
    static func scatter(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                        into x: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, p) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding)
        let (h, w, ho, wo) = (g.height, g.width, g.outputHeight, g.outputWidth)
        let first = samples.lowerBound, channels = g.channels
        let src = UncheckedSendable(cols), dst = UncheckedSendable(x)
        // One unit = one (sample, channel) plane of x, which only its own units write.
        parallelChunks(count * channels, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(kh * kw * plane, 1))) { units in
            for unit in units {
                let local = unit / channels, c = unit % channels
                let out = dst.value + ((first + local) * channels + c) * h * w
                out.update(repeating: 0, count: h * w)
                for i in 0..<kh {
                    let rows = ConvGeometry.validRange(offset: i - p, stride: s, extent: h, count: ho)
                    for j in 0..<kw {
                        let cols = ConvGeometry.validRange(offset: j - p, stride: s, extent: w, count: wo)
                        let input = src.value + ((c * kh + i) * kw + j) * rowLength + local * plane
                        for oy in rows {
                            let row = input + oy * wo
                            let base = (oy * s + i - p) * w + j - p
                            if s == 1 {
                                for ox in cols { out[base + ox] += row[ox] }
                            } else {
                                for ox in cols { out[base + ox * s] += row[ox] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// dst[b, a, :] = src[a, b, :] for src [A, B, plane]: moves between [O, N·S] and [N, O, S].
    static func swapLeadingAxes(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, plane: Int,
                                into dst: UnsafeMutablePointer<Float>) {
        let s = UncheckedSendable(src), d = UncheckedSendable(dst)
        parallelChunks(a * b, minimumPerChunk: Swift.max(1, 32_768 / Swift.max(plane, 1))) { blocks in
            for block in blocks {
                let bi = block / a, ai = block % a
                (d.value + block * plane).update(from: s.value + (ai * b + bi) * plane, count: plane)
            }
        }
    }
}
