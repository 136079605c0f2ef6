extension DoubleMatrix {
    /// Squared Euclidean distances between the rows of `a` (M×D) and of `b` (N×D), M×N:
    ///
    ///     d²(x, y) = ‖x‖² + ‖y‖² − 2 x·y
    ///
    /// the expansion scikit-learn's `euclidean_distances` uses, with x·y from one dgemm and
    /// negative round-off clipped to 0.
    public static func squaredDistances(_ a: DoubleMatrix, _ b: DoubleMatrix) -> DoubleMatrix {
        precondition(a.columns == b.columns, "squaredDistances: rows of \(a.columns) and \(b.columns) values")
        var d = product(a, b, transposeB: true)
        let normsA = a.rowSquaredNorms(), normsB = b.rowSquaredNorms()
        let n = b.rows
        d.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<a.rows { for j in 0..<n { v[i * n + j] = Swift.max(0, normsA[i] + normsB[j] - 2 * v[i * n + j]) } }
        }
        return d
    }

    /// Squared Euclidean distances between the rows of `a`, with an exact zero diagonal (as
    /// scikit-learn sets it when both arguments are the same array).
    public static func squaredDistances(within a: DoubleMatrix) -> DoubleMatrix {
        var d = squaredDistances(a, a)
        for i in 0..<a.rows { d[i, i] = 0 }
        return d
    }

    /// ‖row‖² of every row.
    func rowSquaredNorms() -> [Double] {
        values.withUnsafeBufferPointer { v in
            (0..<rows).map { r in
                var s = 0.0
                for c in 0..<columns { s += v[r * columns + c] * v[r * columns + c] }
                return s
            }
        }
    }
}
