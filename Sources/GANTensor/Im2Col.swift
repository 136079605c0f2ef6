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
        let count = samples.count, source = x + samples.lowerBound * g.channels * g.inputPlane
        if g.isPointwise {
            swapLeadingAxes(source, count, g.channels, plane: g.outputPlane, into: cols)
            return
        }
        forEachPlane(g, samples: count) { layout, phases, local, c in
            layout.split(source + (local &* g.channels &+ c) &* g.inputPlane, into: phases)
            forEachTapRow(g, layout, local: local, channel: c, samples: count) { column, phase in
                copy(phases + phase, count: g.outputWidth, to: cols + column)
            }
        }
    }

    /// The adjoint of `gather` (col2im): overwrites samples `samples` of the NCHW tensor `x`
    /// with the sum, at each input position, of the column-matrix entries taken from it.
    /// Sums into the phase layout of `gather`, then interleaves the phases back. A pointwise
    /// geometry takes each input position exactly once: the swap of `gather` reversed.
    static func scatter(_ cols: UnsafePointer<Float>, _ g: ConvGeometry, samples: Range<Int>,
                        into x: UnsafeMutablePointer<Float>) {
        let count = samples.count, target = x + samples.lowerBound * g.channels * g.inputPlane
        if g.isPointwise {
            swapLeadingAxes(cols, g.channels, count, plane: g.outputPlane, into: target)
            return
        }
        forEachPlane(g, samples: count) { layout, phases, local, c in
            phases.update(repeating: 0, count: layout.count)
            forEachTapRow(g, layout, local: local, channel: c, samples: count) { column, phase in
                add(cols + column, count: g.outputWidth, to: phases + phase)
            }
            layout.merge(phases, into: target + (local &* g.channels &+ c) &* g.inputPlane)
        }
    }

    /// Calls `body(layout, phases, local, c)` for each channel c of each of `count` samples, in
    /// order, with the geometry's `Phases` and scratch for them.
    @inline(__always)
    private static func forEachPlane(_ g: ConvGeometry, samples count: Int,
                                     _ body: (Phases, UnsafeMutablePointer<Float>, Int, Int) -> Void) {
        let layout = Phases(g)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: layout.count) { buffer in
            let phases = buffer.baseAddress!
            for local in 0..<count {
                for c in 0..<g.channels { body(layout, phases, local, c) }
            }
        }
    }

    /// Calls `body(column, phase)` for every output row oy of every kernel tap (i, j) of
    /// channel `c` of sample `local`, in order: the row's Wo entries start at `column` in the
    /// column matrix of `count` samples (row k = (c·kh + i)·kw + j) and at `phase` in `layout`.
    @inline(__always)
    private static func forEachTapRow(_ g: ConvGeometry, _ layout: Phases, local: Int, channel c: Int, samples count: Int,
                                      _ body: (Int, Int) -> Void) {
        let (kh, kw, ho, wo) = (g.kernelHeight, g.kernelWidth, g.outputHeight, g.outputWidth)
        let rowLength = count * g.outputPlane
        for i in 0..<kh {
            for j in 0..<kw {
                let k: Int = (c &* kh &+ i) &* kw &+ j
                let column = k &* rowLength &+ local &* g.outputPlane, first = layout.offset(row: i, column: j)
                for oy in 0..<ho { body(column &+ oy &* wo, first &+ oy &* layout.tapRowStride) }
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
        forEachRun { image, phase, length in
            for t in 0..<length { phases[phase &+ t] = input[image &+ t &* stride] }
        }
    }

    /// Writes the interior of the phases back to an H×W plane (the inverse of `split`).
    @inline(__always)
    func merge(_ phases: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        forEachRun { image, phase, length in
            for t in 0..<length { output[image &+ t &* stride] = phases[phase &+ t] }
        }
    }

    /// Calls `body(image, phase, length)` for each image row of each phase: image entries
    /// image + t·s of the H×W plane are phase entries phase + t, for t < length.
    @inline(__always)
    private func forEachRun(_ body: (Int, Int, Int) -> Void) {
        inside.withUnsafeBufferPointer { inside in
            for phase in 0..<stride {
                let range = inside[phase]
                let first = phase &- paddingWidth &+ range.lowerBound &* stride
                for y in 0..<height {
                    body(y &* width &+ first, (phase &* rows &+ y &+ paddingHeight) &* columns &+ range.lowerBound,
                         range.count)
                }
            }
        }
    }
}
