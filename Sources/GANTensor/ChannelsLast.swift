/// Moves activations between GANTensor's NCHW layout and channels-last (NHWC), the layout in
/// which `WinogradKernels` transform whole channel vectors at a time.
enum ChannelsLast {
    /// dst[n][(h + b)·(W + 2b) + w + b][c] = src[n][c][h][w], with a zero border of width b
    /// around each sample's H×W plane.
    static func pack(_ src: UnsafePointer<Float>, samples: Int, channels c: Int, height: Int, width: Int, border b: Int,
                     into dst: UnsafeMutablePointer<Float>) {
        let pw = width + 2 * b, padded = (height + 2 * b) * pw * c, plane = height * width
        if b == 0 {
            unpack(src, samples: samples, channels: plane, plane: c, into: dst)
            return
        }
        // Image rows of 8 or more pixels are transposed straight into the bordered layout;
        // narrower ones a whole sample at a time (one SIMD block spans several rows), then copied.
        let direct = width % 8 == 0
        ScratchBuffers.with(direct ? 0 : plane * c) { staging in
            for sample in 0..<samples {
                let source = src + sample * c * plane, target = dst + sample * padded
                if !direct {
                    transpose(source, rows: c, columns: plane, sourceStride: plane, into: staging, targetStride: c)
                }
                target.update(repeating: 0, count: b * pw * c)
                (target + (height + b) * pw * c).update(repeating: 0, count: b * pw * c)
                for row in 0..<height {
                    let line = target + (row + b) * pw * c
                    line.update(repeating: 0, count: b * c)
                    if direct {
                        transpose(source + row * width, rows: c, columns: width, sourceStride: plane, into: line + b * c,
                                  targetStride: c)
                    } else {
                        (line + b * c).update(from: staging + row * width * c, count: width * c)
                    }
                    (line + (b + width) * c).update(repeating: 0, count: b * c)
                }
            }
        }
    }

    /// dst[n][c][p] = src[n][p][c] for p < `plane`.
    static func unpack(_ src: UnsafePointer<Float>, samples: Int, channels c: Int, plane: Int,
                       into dst: UnsafeMutablePointer<Float>) {
        for sample in 0..<samples {
            transpose(src + sample * plane * c, rows: plane, columns: c, sourceStride: c,
                      into: dst + sample * c * plane, targetStride: plane)
        }
    }

    /// target[j·rows + i] = source[i·columns + j]: the transpose of a rows×columns matrix.
    static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>) {
        transpose(source, rows: rows, columns: columns, sourceStride: columns, into: target, targetStride: rows)
    }

    /// target[j·targetStride + i] = source[i·sourceStride + j] for i < rows, j < columns: 8×8
    /// blocks in SIMD registers, scalar copies along the edges.
    @inline(__always)
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, sourceStride: Int,
                                  into target: UnsafeMutablePointer<Float>, targetStride: Int) {
        let fullRows = rows & ~7, fullColumns = columns & ~7
        var i = 0
        while i < fullRows {
            var j = 0
            while j < fullColumns {
                block(source + (i &* sourceStride &+ j), sourceStride, target + (j &* targetStride &+ i), targetStride)
                j &+= 8
            }
            for jj in fullColumns..<columns {
                for ii in i..<(i &+ 8) { target[jj &* targetStride &+ ii] = source[ii &* sourceStride &+ jj] }
            }
            i &+= 8
        }
        for ii in fullRows..<rows {
            for jj in 0..<columns { target[jj &* targetStride &+ ii] = source[ii &* sourceStride &+ jj] }
        }
    }

    /// Transposes one 8×8 block. Splitting the 64 values into even- and odd-indexed halves three
    /// times rotates the six bits of an index (row, column) by three: (column, row).
    @inline(__always)
    private static func block(_ source: UnsafePointer<Float>, _ sourceStride: Int, _ target: UnsafeMutablePointer<Float>,
                              _ targetStride: Int) {
        typealias Row = SIMD8<Float>
        func load(_ k: Int) -> Row { UnsafeRawPointer(source + k &* sourceStride).loadUnaligned(as: Row.self) }
        var v = (load(0), load(1), load(2), load(3), load(4), load(5), load(6), load(7))
        for _ in 0..<3 {
            let p0 = SIMD16(lowHalf: v.0, highHalf: v.1), p1 = SIMD16(lowHalf: v.2, highHalf: v.3)
            let p2 = SIMD16(lowHalf: v.4, highHalf: v.5), p3 = SIMD16(lowHalf: v.6, highHalf: v.7)
            v = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf, p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
        }
        func store(_ row: Row, _ k: Int) {
            UnsafeMutableRawPointer(target + k &* targetStride).storeBytes(of: row, as: Row.self)
        }
        store(v.0, 0); store(v.1, 1); store(v.2, 2); store(v.3, 3); store(v.4, 4); store(v.5, 5); store(v.6, 6)
        store(v.7, 7)
    }
}
