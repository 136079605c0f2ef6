/// Upsample, pad, FIR-filter and downsample a batch of images: stylegan2-ada-pytorch's
/// `upfirdn2d` (`torch_utils/ops/upfirdn2d.py`), after scipy's `signal.upfirdn`.
///
/// For each plane of x [N, C, H, W]:
/// 1. insert `up` − 1 zeros after every pixel (H → H·up);
/// 2. pad with zeros (negative padding crops), giving Hp = H·up + y0 + y1 rows;
/// 3. convolve with the filter f [fh, fw] scaled by `gain` (correlate with it when
///    `flipFilter` is on), keeping the Hp − fh + 1 positions where it lies inside;
/// 4. keep every `down`-th pixel: Ho = ⌊(Hp − fh)/down⌋ + 1, and likewise for W.
///
/// The map is linear in x; its adjoint is upfirdn2d again with `up` and `down` swapped, the
/// filter flipped and the padding `[fw − x0 − 1, W·up − Wo·down + x0 − up + 1, …]` (the
/// official CUDA op's backward). The pullback is that call, so the op is differentiable to any
/// order. A separable filter (one made from 1-D taps, such as the default [1, 3, 3, 1]) runs as
/// a row pass, one sgemm with the dense matrix of the 1-D map, followed by a column pass; any
/// other filter visits only the taps that meet a non-zero (not inserted) pixel.
extension Tensor {
    /// `upfirdn2d(x, f, up, down, padding, flip_filter, gain)` of the official code on this
    /// [N, C, H, W] tensor; `up` and `down` apply to both axes.
    public func upfirdn2d(_ filter: FIRFilter, up: Int = 1, down: Int = 1, padding: FIRPadding = .zero,
                          flipFilter: Bool = false, gain: Float = 1) -> Tensor {
        precondition(rank == 4, "upfirdn2d: expected [N, C, H, W], got \(shape)")
        precondition(up >= 1 && down >= 1, "upfirdn2d: up \(up) and down \(down) must be ≥ 1")
        let (h, w) = (shape[2], shape[3])
        let paddedHeight = h * up + padding.y0 + padding.y1, paddedWidth = w * up + padding.x0 + padding.x1
        precondition(paddedHeight >= filter.height && paddedWidth >= filter.width,
                     "upfirdn2d: the upsampled and padded image \(paddedHeight)×\(paddedWidth) of input \(shape) (up \(up), padding \(padding)) is smaller than the \(filter.height)×\(filter.width) filter")
        let ho = (paddedHeight - filter.height) / down + 1, wo = (paddedWidth - filter.width) / down + 1
        // Correlation coefficients: convolution flips the filter (`flipFilter` undoes that).
        let coefficients = (flipFilter ? filter.taps : Array(filter.taps.reversed())).map { $0 * gain }
        let rows = UpFIRDnTaps(input: h, output: ho, up: up, down: down, before: padding.y0, length: filter.height)
        let columns = UpFIRDnTaps(input: w, output: wo, up: up, down: down, before: padding.x0, length: filter.width)
        let planes = shape[0] * shape[1]
        let y = Tensor.make([shape[0], shape[1], ho, wo]) { out in
            withUnsafeBufferPointer { x in
                if let factor = filter.factor {
                    let oriented = flipFilter ? factor : Array(factor.reversed())
                    UpFIRDnKernel.applySeparable(x.baseAddress!, planes: planes, height: h, width: w, rows: rows,
                                                 columns: columns, vertical: oriented.map { $0 * gain },
                                                 horizontal: oriented, into: out.baseAddress!)
                } else {
                    UpFIRDnKernel.apply(x.baseAddress!, planes: planes, height: h, width: w, rows: rows, columns: columns,
                                        coefficients: coefficients, filterWidth: filter.width, into: out.baseAddress!)
                }
            }
        }
        let adjointPadding = FIRPadding(x0: filter.width - padding.x0 - 1, x1: w * up - wo * down + padding.x0 - up + 1,
                                        y0: filter.height - padding.y0 - 1, y1: h * up - ho * down + padding.y0 - up + 1)
        return Tensor.record(y, op: "upfirdn2d", inputs: [self]) { g, _ in
            [g.upfirdn2d(filter, up: down, down: up, padding: adjointPadding, flipFilter: !flipFilter, gain: gain)]
        }
    }

    /// Upsampling by `factor` with the FIR filter, padded so that H×W becomes
    /// (factor·H)×(factor·W) before the extra `padding`; the gain factor² keeps the mean
    /// (the official `upsample2d`).
    public func upsample2d(_ filter: FIRFilter = .stylegan2, factor: Int = 2, padding: FIRPadding = .zero,
                           flipFilter: Bool = false, gain: Float = 1) -> Tensor {
        let base = FIRPadding(x0: (filter.width + factor - 1) / 2, x1: (filter.width - factor) / 2,
                              y0: (filter.height + factor - 1) / 2, y1: (filter.height - factor) / 2)
        return upfirdn2d(filter, up: factor, padding: padding + base, flipFilter: flipFilter,
                         gain: gain * Float(factor * factor))
    }

    /// Downsampling by `factor` with the FIR filter, padded so that H×W becomes
    /// (H/factor)×(W/factor) before the extra `padding` (the official `downsample2d`).
    public func downsample2d(_ filter: FIRFilter = .stylegan2, factor: Int = 2, padding: FIRPadding = .zero,
                             flipFilter: Bool = false, gain: Float = 1) -> Tensor {
        let base = FIRPadding(x0: (filter.width - factor + 1) / 2, x1: (filter.width - factor) / 2,
                              y0: (filter.height - factor + 1) / 2, y1: (filter.height - factor) / 2)
        return upfirdn2d(filter, down: factor, padding: padding + base, flipFilter: flipFilter, gain: gain)
    }

    /// Filtering with the FIR filter, padded so that the size is kept before the extra
    /// `padding` (the official `filter2d`).
    public func filter2d(_ filter: FIRFilter = .stylegan2, padding: FIRPadding = .zero, flipFilter: Bool = false,
                         gain: Float = 1) -> Tensor {
        let base = FIRPadding(x0: filter.width / 2, x1: (filter.width - 1) / 2,
                              y0: filter.height / 2, y1: (filter.height - 1) / 2)
        return upfirdn2d(filter, padding: padding + base, flipFilter: flipFilter, gain: gain)
    }
}

/// For each output index along one axis, the filter taps that land on an original (not
/// inserted, not padded) input pixel: output o reads upsampled-padded index o·down + t, which is
/// input pixel (o·down + t − before)/up when that is a whole number inside the input.
struct UpFIRDnTaps {
    /// Entries of output o are `start[o]..<start[o + 1]`.
    var start: [Int] = [0]
    /// The filter tap of each entry.
    var tap: [Int] = []
    /// The input index of each entry.
    var source: [Int] = []

    init(input: Int, output: Int, up: Int, down: Int, before: Int, length: Int) {
        for o in 0..<output {
            for t in 0..<length {
                let i = o * down + t - before
                if i >= 0 && i % up == 0 && i / up < input {
                    tap.append(t)
                    source.append(i / up)
                }
            }
            start.append(tap.count)
        }
    }
}

enum UpFIRDnKernel {
    /// out[p, oy, ox] = Σ c[ty, tx] · x[p, sy, sx] over the row and column entries of (oy, ox);
    /// planes are split over the cores.
    static func apply(_ x: UnsafePointer<Float>, planes: Int, height: Int, width: Int, rows: UpFIRDnTaps,
                      columns: UpFIRDnTaps, coefficients: [Float], filterWidth: Int, into out: UnsafeMutablePointer<Float>) {
        let (ho, wo) = (rows.start.count - 1, columns.start.count - 1)
        rows.start.withUnsafeBufferPointer { rowStart in
        rows.tap.withUnsafeBufferPointer { rowTap in
        rows.source.withUnsafeBufferPointer { rowSource in
        columns.start.withUnsafeBufferPointer { colStart in
        columns.tap.withUnsafeBufferPointer { colTap in
        columns.source.withUnsafeBufferPointer { colSource in
        coefficients.withUnsafeBufferPointer { c in
            parallelChunks(planes, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(1, ho * wo))) { range in
                for p in range {
                    let src = x + p * height * width, dst = out + p * ho * wo
                    for oy in 0..<ho {
                        for ox in 0..<wo {
                            var acc: Float = 0
                            for r in rowStart[oy]..<rowStart[oy + 1] {
                                let line = src + rowSource[r] * width, cRow = rowTap[r] * filterWidth
                                for q in colStart[ox]..<colStart[ox + 1] {
                                    acc += c[cRow + colTap[q]] * line[colSource[q]]
                                }
                            }
                            dst[oy * wo + ox] = acc
                        }
                    }
                }
            }
        }}}}}}}
    }

    /// The same map for c = vertical ⊗ horizontal, in two passes. Along x it is one matrix
    /// product for a whole chunk of planes: every input row times the dense [W, Wo] matrix of
    /// the 1-D map (at most `length` non-zeros per column; the dense product runs at sgemm
    /// speed, where visiting the taps by index did not vectorise). Along y each output row is a
    /// sum of the scratch rows its taps reach, accumulated in registers (`sumRows`).
    static func applySeparable(_ x: UnsafePointer<Float>, planes: Int, height: Int, width: Int, rows: UpFIRDnTaps,
                               columns: UpFIRDnTaps, vertical: [Float], horizontal: [Float],
                               into out: UnsafeMutablePointer<Float>) {
        let (ho, wo) = (rows.start.count - 1, columns.start.count - 1)
        let alongX = columns.matrix(input: width, coefficients: horizontal)
        rows.start.withUnsafeBufferPointer { rowStart in
        rows.tap.withUnsafeBufferPointer { rowTap in
        rows.source.withUnsafeBufferPointer { rowSource in
        alongX.withUnsafeBufferPointer { mx in
        vertical.withUnsafeBufferPointer { cy in
            // Blocks of planes whose scratch fits in about 256 KB (the L2 cache).
            let block = Swift.max(1, 65_536 / Swift.max(1, height * wo))
            parallelChunks(planes, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(1, ho * wo))) { range in
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.min(block, range.count) * height * wo)
                defer { scratch.deallocate() }
                for first in stride(from: range.lowerBound, to: range.upperBound, by: block) {
                    let count = Swift.min(block, range.upperBound - first)
                    Gemm.serial(x + first * height * width, width, false, mx.baseAddress!, wo, false,
                                into: scratch, ldc: wo, m: count * height, n: wo, k: width, accumulate: false)
                    for i in 0..<count {
                        let filtered = scratch + i * height * wo, dst = out + (first + i) * ho * wo
                        for oy in 0..<ho {
                            sumRows(filtered, wo, taps: rowStart[oy]..<rowStart[oy + 1], tap: rowTap,
                                    source: rowSource, coefficients: cy, into: dst + oy * wo)
                        }
                    }
                }
            }
        }}}}}
    }
}

extension UpFIRDnKernel {
    /// target[ox] = 0 + Σₑ c[tap[e]] · rows[source[e]][ox] over the entries `taps`, summed in
    /// entry order in a register: one write per output instead of a zeroing pass and one
    /// read-modify-write pass per entry (the same operations in the same order, so the same
    /// values bit for bit). The filters here have at most four taps per output row.
    @inline(__always)
    static func sumRows(_ rows: UnsafePointer<Float>, _ width: Int, taps: Range<Int>, tap: UnsafeBufferPointer<Int>,
                        source: UnsafeBufferPointer<Int>, coefficients c: UnsafeBufferPointer<Float>,
                        into target: UnsafeMutablePointer<Float>) {
        func row(_ e: Int) -> (Float, UnsafePointer<Float>) { (c[tap[e]], rows + source[e] * width) }
        let e = taps.lowerBound
        switch taps.count {
        case 0:
            target.update(repeating: 0, count: width)
        case 1:
            let (c0, r0) = row(e)
            for x in 0..<width { target[x] = 0 + c0 * r0[x] }
        case 2:
            let (c0, r0) = row(e), (c1, r1) = row(e + 1)
            for x in 0..<width { target[x] = 0 + c0 * r0[x] + c1 * r1[x] }
        case 3:
            let (c0, r0) = row(e), (c1, r1) = row(e + 1), (c2, r2) = row(e + 2)
            for x in 0..<width { target[x] = 0 + c0 * r0[x] + c1 * r1[x] + c2 * r2[x] }
        case 4:
            let (c0, r0) = row(e), (c1, r1) = row(e + 1), (c2, r2) = row(e + 2), (c3, r3) = row(e + 3)
            for x in 0..<width { target[x] = 0 + c0 * r0[x] + c1 * r1[x] + c2 * r2[x] + c3 * r3[x] }
        default:
            target.update(repeating: 0, count: width)
            for entry in taps {
                let (coefficient, source) = row(entry)
                for x in 0..<width { target[x] += coefficient * source[x] }
            }
        }
    }
}

extension UpFIRDnTaps {
    /// The 1-D map as a dense row-major [input, output] matrix: entry (source, o) holds the sum
    /// of `coefficients[tap]` over o's entries that read `source`.
    func matrix(input: Int, coefficients: [Float]) -> [Float] {
        let output = start.count - 1
        var m = [Float](repeating: 0, count: input * output)
        for o in 0..<output {
            for e in start[o]..<start[o + 1] { m[source[e] * output + o] += coefficients[tap[e]] }
        }
        return m
    }
}
