/// A constant sparse matrix A [rows, columns] in compressed-row form, applied along one axis of
/// a tensor by `Tensor.applying(_:alongAxis:)`: a banded resampling map (padding, FIR
/// up- or downsampling along one axis folded into one matrix, as ADA's sym6 path builds them)
/// costs its non-zeros instead of rows × columns.
public struct SparseAxisMatrix: Sendable, Equatable {
    /// Rows of A: the extent of the axis after the product.
    public let rows: Int
    /// Columns of A: the extent of the axis before it.
    public let columns: Int
    /// The entries of row r are `rowStart[r]..<rowStart[r + 1]`.
    let rowStart: [Int]
    /// Each entry's column.
    let column: [Int]
    /// Each entry's value.
    let value: [Float]

    /// The non-zero entries of the row-major dense matrix `dense` [rows, columns].
    public init(rows: Int, columns: Int, dense: [Float]) {
        precondition(rows >= 0 && columns >= 0 && dense.count == rows * columns,
                     "SparseAxisMatrix: \(dense.count) values do not fill \(rows)×\(columns)")
        var start = [0], column: [Int] = [], value: [Float] = []
        for r in 0..<rows {
            for c in 0..<columns where dense[r * columns + c] != 0 {
                column.append(c)
                value.append(dense[r * columns + c])
            }
            start.append(column.count)
        }
        self.init(rows: rows, columns: columns, rowStart: start, column: column, value: value)
    }

    private init(rows: Int, columns: Int, rowStart: [Int], column: [Int], value: [Float]) {
        (self.rows, self.columns, self.rowStart, self.column, self.value) = (rows, columns, rowStart, column, value)
    }

    /// Aᵀ, in the same form.
    public var transposed: SparseAxisMatrix {
        var counts = [Int](repeating: 0, count: columns + 1)
        for c in column { counts[c + 1] += 1 }
        for c in 0..<columns { counts[c + 1] += counts[c] }
        var next = counts, newColumn = [Int](repeating: 0, count: column.count), newValue = [Float](repeating: 0, count: value.count)
        for r in 0..<rows {
            for e in rowStart[r]..<rowStart[r + 1] {
                let c = column[e]
                (newColumn[next[c]], newValue[next[c]]) = (r, value[e])
                next[c] += 1
            }
        }
        return SparseAxisMatrix(rows: columns, columns: rows, rowStart: counts, column: newColumn, value: newValue)
    }

    /// The number of stored (non-zero) entries.
    public var nonZeroCount: Int { value.count }
}

extension Tensor {
    /// A·x along `axis`: out[…, r, …] = Σ_c A[r, c]·x[…, c, …] for a constant sparse A whose
    /// column count is the axis' extent. Linear in x, with pullback Aᵀ·g along the same axis
    /// (the same op), so it differentiates to any order. Work is proportional to A's non-zeros:
    /// along an inner axis each entry adds a contiguous row (a vectorised axpy), along the
    /// last axis each output is a short dot product.
    public func applying(_ matrix: SparseAxisMatrix, alongAxis axis: Int) -> Tensor {
        let a = Shape.axis(axis, rank: rank, op: "applying(_:alongAxis:)")
        precondition(shape[a] == matrix.columns,
                     "applying(_:alongAxis: \(axis)): a \(matrix.rows)×\(matrix.columns) matrix cannot act on extent \(shape[a]) of shape \(shape)")
        let layout = AxisLayout(shape, axis: a)
        var outShape = shape
        outShape[a] = matrix.rows
        let y = Tensor.make(outShape) { out in
            withUnsafeBufferPointer { SparseAxisKernel.apply($0.baseAddress!, layout: layout, matrix: matrix, into: out.baseAddress!) }
        }
        return Tensor.record(y, op: "sparseAxisProduct", inputs: [self]) { g, _ in
            [g.applying(matrix.transposed, alongAxis: a)]
        }
    }
}

enum SparseAxisKernel {
    /// out[o, r, :] = Σ_e value[e]·x[o, column[e], :] over row r's entries; the outer index is
    /// split over the cores.
    static func apply(_ x: UnsafePointer<Float>, layout: AxisLayout, matrix: SparseAxisMatrix, into out: UnsafeMutablePointer<Float>) {
        let (outer, extent, inner, rows) = (layout.outer, layout.extent, layout.inner, matrix.rows)
        guard outer > 0, inner > 0, rows > 0 else { return }
        let src = UncheckedSendable(x), dst = UncheckedSendable(out)
        matrix.rowStart.withUnsafeBufferPointer { start in
        matrix.column.withUnsafeBufferPointer { column in
        matrix.value.withUnsafeBufferPointer { value in
            let (s, c, v) = (UncheckedSendable(start.baseAddress!), UncheckedSendable(column.baseAddress!), UncheckedSendable(value.baseAddress!))
            parallelChunks(outer, minimumPerChunk: Swift.max(1, 16_384 / Swift.max(1, rows * inner))) { range in
                let (start, column, value) = (s.value, c.value, v.value)
                for o in range {
                    let plane = src.value + o * extent * inner, target = dst.value + o * rows * inner
                    if inner == 1 {
                        for r in 0..<rows {
                            var acc: Float = 0
                            for e in start[r]..<start[r + 1] { acc += value[e] * plane[column[e]] }
                            target[r] = acc
                        }
                        continue
                    }
                    for r in 0..<rows {
                        let line = target + r * inner
                        line.update(repeating: 0, count: inner)
                        for e in start[r]..<start[r + 1] {
                            let coefficient = value[e], source = plane + column[e] * inner
                            for i in 0..<inner { line[i] += coefficient * source[i] }
                        }
                    }
                }
            }
        }}}
    }
}
