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

    /// Output indices o in 0..<count whose input index o·s + offset lies in 0..<extent.
    static func validRange(offset: Int, stride s: Int, extent: Int, count: Int) -> Range<Int> {
        let lower = offset >= 0 ? 0 : (-offset + s - 1) / s
        let upper = extent - 1 - offset < 0 ? 0 : (extent - 1 - offset) / s + 1
        let lo = Swift.min(lower, count)
        return lo..<Swift.max(lo, Swift.min(upper, count))
    }

    /// For each kernel row i (or column j): the output rows (columns) whose input index
    /// o·s + i − p falls inside the image, and that offset i − p.
    func taps(kernel: Int, extent: Int, count: Int) -> [KernelTap] {
        (0..<kernel).map { i in
            let valid = Self.validRange(offset: i - padding, stride: stride, extent: extent, count: count)
            return KernelTap(low: valid.lowerBound, high: valid.upperBound, offset: i - padding)
        }
    }
}

/// One kernel offset along one axis: outputs low..<high read input index o·s + offset.
struct KernelTap {
    let low: Int, high: Int, offset: Int
}

/// The im2col / col2im kernels behind convolution, and the block transpose that moves between
/// the column-matrix layout [O, G·Ho·Wo] and NCHW. They run on the calling thread: the
/// convolution ops give each core its own samples.
///
/// The column matrix of samples `first..<first+G` is [patch, G·Ho·Wo], row k = (c·kh + i)·kw + j,
/// column (n − first)·Ho·Wo + oy·Wo + ox, holding x[n, c, oy·s − p + i, ox·s − p + j] (zero in
/// the padding). A convolution over those samples is then one sgemm with it.
enum Im2Col {
    /// Fills the column matrix of `samples` from the NCHW input `x` (all N samples).
    static func gather(_ x: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, channels) = (g.kernelHeight, g.kernelWidth, g.stride, g.channels)
        let (w, ho, wo, inputPlane) = (g.width, g.outputHeight, g.outputWidth, g.inputPlane)
        let rowTaps = g.taps(kernel: kh, extent: g.height, count: ho)
        let columnTaps = g.taps(kernel: kw, extent: w, count: wo)
        let source = x + samples.lowerBound * channels * inputPlane
        rowTaps.withUnsafeBufferPointer { rowTaps in
            columnTaps.withUnsafeBufferPointer { columnTaps in
                // Each (sample, channel) plane of x feeds kh·kw rows of the matrix.
                for local in 0..<count {
                    for c in 0..<channels {
                        let input = source + (local &* channels &+ c) &* inputPlane
                        for i in 0..<kh {
                            let r = rowTaps[i]
                            for j in 0..<kw {
                                let t = columnTaps[j]
                                let k: Int = (c &* kh &+ i) &* kw &+ j
                                let out = cols + (k &* rowLength &+ local &* plane)
                                out.update(repeating: 0, count: r.low &* wo)
                                for oy in r.low..<r.high {
                                    let o = out + oy &* wo
                                    let row = input + (oy &* s &+ r.offset) &* w
                                    o.update(repeating: 0, count: t.low)
                                    copyStrided(from: row + (t.low &* s &+ t.offset), stride: s, count: t.high &- t.low, to: o + t.low)
                                    (o + t.high).update(repeating: 0, count: wo &- t.high)
                                }
                                (out + r.high &* wo).update(repeating: 0, count: (ho &- r.high) &* wo)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `gather` (col2im): overwrites samples `samples` of the NCHW tensor `x`
    /// with the sum, at each input position, of the column-matrix entries taken from it.
    static func scatter(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                        into x: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, channels) = (g.kernelHeight, g.kernelWidth, g.stride, g.channels)
        let (w, wo, inputPlane) = (g.width, g.outputWidth, g.inputPlane)
        let rowTaps = g.taps(kernel: kh, extent: g.height, count: g.outputHeight)
        let columnTaps = g.taps(kernel: kw, extent: w, count: wo)
        let target = x + samples.lowerBound * channels * inputPlane
        rowTaps.withUnsafeBufferPointer { rowTaps in
            columnTaps.withUnsafeBufferPointer { columnTaps in
                for local in 0..<count {
                    for c in 0..<channels {
                        let out = target + (local &* channels &+ c) &* inputPlane
                        out.update(repeating: 0, count: inputPlane)
                        for i in 0..<kh {
                            let r = rowTaps[i]
                            for j in 0..<kw {
                                let t = columnTaps[j]
                                let k: Int = (c &* kh &+ i) &* kw &+ j
                                let input = cols + (k &* rowLength &+ local &* plane)
                                for oy in r.low..<r.high {
                                    let row = out + (oy &* s &+ r.offset) &* w
                                    addStrided(input + (oy &* wo &+ t.low), count: t.high &- t.low, stride: s,
                                               to: row + (t.low &* s &+ t.offset))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// d[t] = s[t·stride] for t < count, with the common strides as constants so the loops
    /// vectorise.
    @inline(__always)
    static func copyStrided(from s: UnsafePointer<Float>, stride: Int, count: Int, to d: UnsafeMutablePointer<Float>) {
        switch stride {
        case 1: d.update(from: s, count: count)
        case 2: for t in 0..<count { d[t] = s[t &<< 1] }
        default: for t in 0..<count { d[t] = s[t &* stride] }
        }
    }

    /// d[t·stride] += s[t] for t < count.
    @inline(__always)
    static func addStrided(_ s: UnsafePointer<Float>, count: Int, stride: Int, to d: UnsafeMutablePointer<Float>) {
        switch stride {
        case 1: for t in 0..<count { d[t] += s[t] }
        case 2: for t in 0..<count { d[t &<< 1] += s[t] }
        default: for t in 0..<count { d[t &* stride] += s[t] }
        }
    }

    /// dst[b, a, :] = src[a, b, :] for src [A, B, plane]: moves between [O, G·S] and [G, O, S].
    static func swapLeadingAxes(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, plane: Int,
                                into dst: UnsafeMutablePointer<Float>) {
        for bi in 0..<b {
            for ai in 0..<a {
                (dst + (bi &* a &+ ai) &* plane).update(from: src + (ai &* b &+ bi) &* plane, count: plane)
            }
        }
    }
}
