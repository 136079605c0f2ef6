/// A dense Float64 matrix, row-major: the precision that evaluation statistics are computed in
/// (pytorch-fid computes FID's means and covariances in float64). Products run on OpenBLAS
/// (`DoubleMatrix.product`), eigendecomposition on LAPACK (`SymmetricEigendecomposition`).
public struct DoubleMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// The elements, row-major: element (r, c) is `values[r * columns + c]`.
    public var values: [Double]

    /// A `rows`×`columns` matrix of `values`, row-major.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "DoubleMatrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows`×`columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// The Float32 matrix `tensor` (rank 2) widened to Float64.
    public init(_ tensor: Tensor) {
        precondition(tensor.rank == 2, "DoubleMatrix(_:): needs a rank-2 tensor, got shape \(tensor.shape)")
        let values = tensor.withUnsafeBufferPointer { $0.map(Double.init) }
        self.init(rows: tensor.shape[0], columns: tensor.shape[1], values: values)
    }

    /// Element (row, column).
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The sum of the diagonal of a square matrix.
    public var trace: Double {
        precondition(rows == columns, "DoubleMatrix.trace: \(rows)×\(columns) is not square")
        return values.withUnsafeBufferPointer { v in (0..<rows).reduce(0) { $0 + v[$1 * columns + $1] } }
    }

    /// The rows at `indices`, in that order.
    public func rows(at indices: [Int]) -> DoubleMatrix {
        var out = [Double](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "DoubleMatrix.rows(at:): row \(r) out of 0..<\(rows)")
                    (o.baseAddress! + i * columns).update(from: v.baseAddress! + r * columns, count: columns)
                }
            }
        }
        return DoubleMatrix(rows: indices.count, columns: columns, values: out)
    }
}
