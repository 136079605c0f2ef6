import CBLAS

extension DoubleMatrix {
    /// op(a) · op(b) on OpenBLAS `cblas_dgemm`, where op transposes when asked: a is M×K (or
    /// K×M transposed), b is K×N (or N×K transposed), the result M×N. Runs on one thread, as
    /// GANTensor configures OpenBLAS (see `Gemm`).
    public static func product(_ a: DoubleMatrix, _ b: DoubleMatrix, transposeA: Bool = false, transposeB: Bool = false) -> DoubleMatrix {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (k2, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(k == k2, "DoubleMatrix.product: inner extents differ: \(a.rows)×\(a.columns)\(transposeA ? "ᵀ" : "") · \(b.rows)×\(b.columns)\(transposeB ? "ᵀ" : "")")
        var out = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return DoubleMatrix(rows: m, columns: n, values: out) }
        _ = Gemm.singleThreaded
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                out.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1, ap.baseAddress!, Int32(a.columns), bp.baseAddress!, Int32(b.columns),
                                0, cp.baseAddress!, Int32(n))
                }
            }
        }
        return DoubleMatrix(rows: m, columns: n, values: out)
    }
}
