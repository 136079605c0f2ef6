import CKernels

/// Moves activations between GANTensor's NCHW layout and channels-last (NHWC), the layout in
/// which `WinogradKernels` transform whole channel vectors at a time.
enum ChannelsLast {
    /// dst[n][(h + b)·(W + 2b) + w + b][c] = src[n][c][h][w], with a zero border of width b
    /// around each sample's H×W plane.
    static func pack(_ src: UnsafePointer<Float>, samples: Int, channels c: Int, height: Int, width: Int, border b: Int,
                     into dst: UnsafeMutablePointer<Float>) {
        let pw = width + 2 * b, padded = (height + 2 * b) * pw * c, plane = height * width
        if b == 0 {
            transposeSamples(src, samples: samples, rows: c, columns: plane, into: dst)
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
        transposeSamples(src, samples: samples, rows: plane, columns: c, into: dst)
    }

    /// Transposes each of `samples` consecutive rows×columns matrices.
    private static func transposeSamples(_ src: UnsafePointer<Float>, samples: Int, rows: Int, columns: Int,
                                         into dst: UnsafeMutablePointer<Float>) {
        for sample in 0..<samples {
            let offset = sample * rows * columns
            transpose(src + offset, rows: rows, columns: columns, sourceStride: columns, into: dst + offset,
                      targetStride: rows)
        }
    }

    /// target[j·rows + i] = source[i·columns + j]: the transpose of a rows×columns matrix.
    static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>) {
        transpose(source, rows: rows, columns: columns, sourceStride: columns, into: target, targetStride: rows)
    }

    /// target[j·targetStride + i] = source[i·sourceStride + j] for i < rows, j < columns: 8×8
    /// blocks transposed in vector registers (`gk_transpose`), scalar copies along the edges.
    @inline(__always)
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, sourceStride: Int,
                                  into target: UnsafeMutablePointer<Float>, targetStride: Int) {
        gk_transpose(source, rows, columns, sourceStride, target, targetStride)
    }
}
