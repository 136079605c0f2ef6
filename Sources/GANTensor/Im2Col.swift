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
    ///
    /// Each (sample, channel) plane is first copied into a zero-bordered plane, so every
    /// kernel tap is a plain strided copy of Ho rows with no bounds logic (the planes of
    /// DCGAN's deeper layers are 8×8 and smaller, where that logic dominated).
    static func gather(_ x: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, p, channels) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding, g.channels)
        let (ho, wo, inputPlane) = (g.outputHeight, g.outputWidth, g.inputPlane)
        let paddedWidth = g.width + 2 * p
        let source = x + samples.lowerBound * channels * inputPlane
        withUnsafeTemporaryAllocation(of: Float.self, capacity: p > 0 ? (g.height + 2 * p) * paddedWidth : 0) { padded in
            for local in 0..<count {
                for c in 0..<channels {
                    let input = source + (local &* channels &+ c) &* inputPlane
                    let image = p > 0 ? UnsafePointer(pad(input, g, into: padded.baseAddress!)) : input
                    let rowStride = p > 0 ? paddedWidth : g.width
                    for i in 0..<kh {
                        for j in 0..<kw {
                            let k: Int = (c &* kh &+ i) &* kw &+ j
                            let out = cols + (k &* rowLength &+ local &* plane)
                            for oy in 0..<ho {
                                copyStrided(from: image + ((oy &* s &+ i) &* rowStride &+ j), stride: s, count: wo,
                                            to: out + oy &* wo)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `gather` (col2im): overwrites samples `samples` of the NCHW tensor `x`
    /// with the sum, at each input position, of the column-matrix entries taken from it.
    ///
    /// Sums into a zero-bordered plane, whose interior is then copied out: the adjoint of the
    /// padding in `gather`.
    static func scatter(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                        into x: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, s, p, channels) = (g.kernelHeight, g.kernelWidth, g.stride, g.padding, g.channels)
        let (h, w, ho, wo, inputPlane) = (g.height, g.width, g.outputHeight, g.outputWidth, g.inputPlane)
        let paddedWidth = w + 2 * p, paddedPlane = (h + 2 * p) * paddedWidth
        let target = x + samples.lowerBound * channels * inputPlane
        withUnsafeTemporaryAllocation(of: Float.self, capacity: p > 0 ? paddedPlane : 0) { padded in
            for local in 0..<count {
                for c in 0..<channels {
                    let out = target + (local &* channels &+ c) &* inputPlane
                    let sums = p > 0 ? padded.baseAddress! : out
                    let rowStride = p > 0 ? paddedWidth : w
                    sums.update(repeating: 0, count: p > 0 ? paddedPlane : inputPlane)
                    for i in 0..<kh {
                        for j in 0..<kw {
                            let k: Int = (c &* kh &+ i) &* kw &+ j
                            let input = cols + (k &* rowLength &+ local &* plane)
                            for oy in 0..<ho {
                                addStrided(input + oy &* wo, count: wo, stride: s,
                                           to: sums + ((oy &* s &+ i) &* rowStride &+ j))
                            }
                        }
                    }
                    if p > 0 {
                        for y in 0..<h { (out + y &* w).update(from: sums + ((y &+ p) &* paddedWidth &+ p), count: w) }
                    }
                }
            }
        }
    }

    /// Copies an H×W plane into the middle of a zeroed (H + 2p)×(W + 2p) plane; returns it.
    @inline(__always)
    static func pad(_ input: UnsafePointer<Float>, _ g: ConvGeometry, into padded: UnsafeMutablePointer<Float>)
        -> UnsafeMutablePointer<Float> {
        let (h, w, p) = (g.height, g.width, g.padding)
        let paddedWidth = w + 2 * p
        padded.update(repeating: 0, count: (h + 2 * p) * paddedWidth)
        for y in 0..<h { (padded + ((y &+ p) &* paddedWidth &+ p)).update(from: input + y &* w, count: w) }
        return padded
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
