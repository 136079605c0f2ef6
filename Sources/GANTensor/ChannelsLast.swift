/// Moves activations between GANTensor's NCHW layout and channels-last (NHWC), the layout in
/// which `WinogradKernels` transform whole channel vectors at a time.
enum ChannelsLast {
    /// dst[n][(h + b)·(W + 2b) + w + b][c] = src[n][c][h][w], with a zero border of width b
    /// around each sample's H×W plane.
    static func pack(_ src: UnsafePointer<Float>, samples: Int, channels c: Int, height: Int, width: Int, border b: Int,
                     into dst: UnsafeMutablePointer<Float>) {
        let pw = width + 2 * b, padded = (height + 2 * b) * pw * c, plane = height * width
        for sample in 0..<samples {
            let source = src + sample * c * plane, target = dst + sample * padded
            if b > 0 {
                target.update(repeating: 0, count: b * pw * c)
                (target + (height + b) * pw * c).update(repeating: 0, count: b * pw * c)
            }
            for row in 0..<height {
                let line = target + ((row + b) * pw) * c
                if b > 0 {
                    line.update(repeating: 0, count: b * c)
                    (line + (b + width) * c).update(repeating: 0, count: b * c)
                }
                transpose(source + row * width, rows: c, columns: width, sourceStride: plane,
                          into: line + b * c, targetStride: c)
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

    /// target[j·targetStride + i] = source[i·sourceStride + j] for i < rows, j < columns, in
    /// blocks of 16 rows so that each pass writes whole cache lines.
    @inline(__always)
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, sourceStride: Int,
                                  into target: UnsafeMutablePointer<Float>, targetStride: Int) {
        var first = 0
        while first < rows {
            let last = Swift.min(rows, first &+ 16)
            for j in 0..<columns {
                let out = target + j &* targetStride
                for i in first..<last { out[i] = source[i &* sourceStride &+ j] }
            }
            first = last
        }
    }
}
