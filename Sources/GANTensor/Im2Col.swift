/// The shape arithmetic of one 2-D convolution, seen from its input side: an input
/// [N, C, H, W] cross-correlated with a kh×kw kernel at `stride` over zero padding of ph rows
/// above and below and pw columns left and right gives Ho×Wo output planes,
/// Ho = ⌊(H + 2ph − kh) / s⌋ + 1, Wo = ⌊(W + 2pw − kw) / s⌋ + 1 (PyTorch's `Conv2d` with
/// dilation 1 and `padding=(ph, pw)`).
struct ConvGeometry {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernelHeight: Int, kernelWidth: Int, stride: Int
    let paddingHeight: Int, paddingWidth: Int
    let outputHeight: Int, outputWidth: Int

    init(input shape: [Int], kernel: (Int, Int), stride: Int, padding: (Int, Int), op: String) {
        precondition(shape.count == 4, "\(op): input must be [N, C, H, W], got \(shape)")
        precondition(stride >= 1, "\(op): stride must be ≥ 1, got \(stride)")
        precondition(padding.0 >= 0 && padding.1 >= 0, "\(op): padding must be ≥ 0, got \(padding)")
        precondition(kernel.0 >= 1 && kernel.1 >= 1, "\(op): kernel \(kernel.0)×\(kernel.1) must be at least 1×1")
        precondition(shape[2] + 2 * padding.0 >= kernel.0 && shape[3] + 2 * padding.1 >= kernel.1,
                     "\(op): kernel \(kernel.0)×\(kernel.1) exceeds the padded input \(shape[2])×\(shape[3]) (padding \(padding))")
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        kernelHeight = kernel.0; kernelWidth = kernel.1
        self.stride = stride; paddingHeight = padding.0; paddingWidth = padding.1
        outputHeight = (height + 2 * paddingHeight - kernelHeight) / stride + 1
        outputWidth = (width + 2 * paddingWidth - kernelWidth) / stride + 1
    }

    /// Rows of the column matrix: one per (channel, kernel row, kernel column).
    var patch: Int { channels * kernelHeight * kernelWidth }
    var inputPlane: Int { height * width }
    var outputPlane: Int { outputHeight * outputWidth }
    /// A 1×1 kernel at stride 1 without padding: the column matrix of one sample is its input.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && stride == 1 && paddingHeight == 0 && paddingWidth == 0
    }
}

/// The im2col / col2im kernels behind convolution, and the block transpose that moves between
/// the column-matrix layout [O, G·Ho·Wo] and NCHW. They run on the calling thread: the
/// convolution ops give each core its own samples.
///
/// The column matrix of samples `first..<first+G` is [patch, G·Ho·Wo], row k = (c·kh + i)·kw + j,
/// column (n − first)·Ho·Wo + oy·Wo + ox, holding x[n, c, oy·s − ph + i, ox·s − pw + j] (zero in
/// the padding). A convolution over those samples is then one sgemm with it.
enum Im2Col {
    /// Fills the column matrix of `samples` from the NCHW input `x` (all N samples).
    ///
    /// Each (sample, channel) plane is first split into its s column phases with the zero
    /// border included (`Phases`); every kernel tap then copies Ho contiguous runs of Wo
    /// floats, with no bounds logic or strided access (DCGAN's deeper planes are 8×8 and
    /// smaller, where per-element logic dominated). A pointwise geometry (1×1, stride 1, no
    /// padding) has the samples' [G, C, H·W] block as its [C, G·H·W] column matrix up to the
    /// swap of the two leading axes, which is all it copies.
    static func gather(_ x: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                       into cols: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, channels) = (g.kernelHeight, g.kernelWidth, g.channels)
        let (ho, wo, inputPlane) = (g.outputHeight, g.outputWidth, g.inputPlane)
        let source = x + samples.lowerBound * channels * inputPlane
        if g.isPointwise {
            swapLeadingAxes(source, count, channels, plane: plane, into: cols)
            return
        }
        let layout = Phases(g)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: layout.count) { buffer in
            let phases = buffer.baseAddress!
            for local in 0..<count {
                for c in 0..<channels {
                    layout.split(source + (local &* channels &+ c) &* inputPlane, into: phases)
                    for i in 0..<kh {
                        for j in 0..<kw {
                            let k: Int = (c &* kh &+ i) &* kw &+ j
                            let out = cols + (k &* rowLength &+ local &* plane)
                            let first = phases + layout.offset(row: i, column: j)
                            for oy in 0..<ho {
                                copy(first + oy &* layout.tapRowStride, count: wo, to: out + oy &* wo)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `gather` (col2im): overwrites samples `samples` of the NCHW tensor `x`
    /// with the sum, at each input position, of the column-matrix entries taken from it.
    /// Sums into the phase layout of `gather`, then interleaves the phases back. A pointwise
    /// geometry takes each input position exactly once: the swap of `gather` reversed.
    static func scatter(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                        into x: UnsafeMutablePointer<Float>) {
        let count = samples.count, plane = g.outputPlane, rowLength = count * plane
        let (kh, kw, channels) = (g.kernelHeight, g.kernelWidth, g.channels)
        let (ho, wo, inputPlane) = (g.outputHeight, g.outputWidth, g.inputPlane)
        let target = x + samples.lowerBound * channels * inputPlane
        if g.isPointwise {
            swapLeadingAxes(cols, channels, count, plane: plane, into: target)
            return
        }
        let layout = Phases(g)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: layout.count) { buffer in
            let phases = buffer.baseAddress!
            for local in 0..<count {
                for c in 0..<channels {
                    phases.update(repeating: 0, count: layout.count)
                    for i in 0..<kh {
                        for j in 0..<kw {
                            let k: Int = (c &* kh &+ i) &* kw &+ j
                            let input = cols + (k &* rowLength &+ local &* plane)
                            let first = phases + layout.offset(row: i, column: j)
                            for oy in 0..<ho {
                                add(input + oy &* wo, count: wo, to: first + oy &* layout.tapRowStride)
                            }
                        }
                    }
                    layout.merge(phases, into: target + (local &* channels &+ c) &* inputPlane)
                }
            }
        }
    }

    /// d[t] = s[t] for t < count; short runs inline, long ones through `memcpy`.
    @inline(__always)
    static func copy(_ s: UnsafePointer<Float>, count: Int, to d: UnsafeMutablePointer<Float>) {
        if count >= 32 { d.update(from: s, count: count); return }
        for t in 0..<count { d[t] = s[t] }
    }

    /// d[t] += s[t] for t < count.
    @inline(__always)
    static func add(_ s: UnsafePointer<Float>, count: Int, to d: UnsafeMutablePointer<Float>) {
        for t in 0..<count { d[t] += s[t] }
    }

    /// dst[b, a, :] = src[a, b, :] for src [A, B, plane]: moves between [O, G·S] and [G, O, S].
    static func swapLeadingAxes(_ src: UnsafePointer<Float>, _ a: Int, _ b: Int, plane: Int,
                                into dst: UnsafeMutablePointer<Float>) {
        for bi in 0..<b {
            for ai in 0..<a {
                copy(src + (ai &* b &+ bi) &* plane, count: plane, to: dst + (bi &* a &+ ai) &* plane)
            }
        }
    }
}

/// A zero-padded image plane split into its `stride` column phases: phase φ, row r, index t
/// holds padded[r, φ + s·t], where padded is the plane with ph zero rows above and below and
/// pw zero columns left and right.
///
/// Input column x·s + j of the padded plane is phase j mod s, index x + ⌊j/s⌋, so the taps of
/// kernel column j read Wo consecutive floats of one phase row.
struct Phases {
    let stride: Int, paddingHeight: Int, paddingWidth: Int, height: Int, width: Int
    /// Rows and floats per row of each phase.
    let rows: Int, columns: Int
    /// For each phase φ, the indices t whose image column φ + s·t − pw lies inside the plane.
    let inside: [Range<Int>]

    init(_ g: ConvGeometry) {
        stride = g.stride; paddingHeight = g.paddingHeight; paddingWidth = g.paddingWidth
        height = g.height; width = g.width
        rows = g.height + 2 * g.paddingHeight
        columns = (g.width + 2 * g.paddingWidth + g.stride - 1) / g.stride
        inside = (0..<g.stride).map { [stride, paddingWidth, width, columns] phase in
            let lower = Swift.max(0, (paddingWidth - phase + stride - 1) / stride)
            let upper = Swift.min(columns, (width - 1 + paddingWidth - phase) / stride + 1)
            return lower..<Swift.max(lower, upper)
        }
    }

    var count: Int { stride * rows * columns }
    /// Distance between the rows read by consecutive output rows of one tap.
    var tapRowStride: Int { stride * columns }

    /// Where kernel tap (i, j) reads output row 0.
    @inline(__always)
    func offset(row i: Int, column j: Int) -> Int {
        ((j % stride) &* rows &+ i) &* columns &+ j / stride
    }

    /// Writes the phases of the H×W plane `input` (zeros in the border) to `phases`.
    @inline(__always)
    func split(_ input: UnsafePointer<Float>, into phases: UnsafeMutablePointer<Float>) {
        phases.update(repeating: 0, count: count)
        inside.withUnsafeBufferPointer { inside in
            for phase in 0..<stride {
                let range = inside[phase]
                let first = phase &- paddingWidth &+ range.lowerBound &* stride
                for y in 0..<height {
                    let source = input + (y &* width &+ first)
                    let target = phases + ((phase &* rows &+ y &+ paddingHeight) &* columns &+ range.lowerBound)
                    for t in 0..<range.count { target[t] = source[t &* stride] }
                }
            }
        }
    }

    /// Writes the interior of the phases back to an H×W plane (the inverse of `split`).
    @inline(__always)
    func merge(_ phases: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        inside.withUnsafeBufferPointer { inside in
            for phase in 0..<stride {
                let range = inside[phase]
                let first = phase &- paddingWidth &+ range.lowerBound &* stride
                for y in 0..<height {
                    let target = output + (y &* width &+ first)
                    let source = phases + ((phase &* rows &+ y &+ paddingHeight) &* columns &+ range.lowerBound)
                    for t in 0..<range.count { target[t &* stride] = source[t] }
                }
            }
        }
    }
}
