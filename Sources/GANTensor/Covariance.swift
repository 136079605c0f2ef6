import CBLAS

extension Tensor {
    /// The mean and covariance of the rows of an N×D matrix (N observations of D variables, as
    /// `np.cov(x, rowvar=False)` reads it), in Float64:
    ///
    ///     μ = (1/N) Σᵢ xᵢ        Σ = (1/(N − 1)) Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ
    ///
    /// the unbiased N − 1 normalisation of numpy's default. The centred rows are widened to
    /// Float64 and Σ is one OpenBLAS `cblas_dsyrk`, mirrored to a full symmetric matrix. Needs N ≥ 2.
    public func meanAndCovariance() -> (mean: [Double], covariance: DoubleMatrix) {
        precondition(rank == 2, "meanAndCovariance: needs an N×D matrix, got shape \(shape)")
        let (n, d) = (shape[0], shape[1])
        precondition(n >= 2, "meanAndCovariance: needs at least 2 rows for an N − 1 covariance, got \(n)")
        var mean = [Double](repeating: 0, count: d)
        var centred = [Double](repeating: 0, count: n * d)
        var covariance = [Double](repeating: 0, count: d * d)
        withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { mu in
                for i in 0..<n { for j in 0..<d { mu[j] += Double(x[i * d + j]) } }
                for j in 0..<d { mu[j] /= Double(n) }
                centred.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n { for j in 0..<d { c[i * d + j] = Double(x[i * d + j]) - mu[j] } }
                }
            }
        }
        _ = Gemm.singleThreaded
        centred.withUnsafeBufferPointer { c in
            covariance.withUnsafeMutableBufferPointer { s in
                // Row-major Σ (upper triangle) = centredᵀ · centred / (N − 1).
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(n), 1 / Double(n - 1),
                            c.baseAddress!, Int32(d), 0, s.baseAddress!, Int32(d))
                for r in 0..<d { for col in 0..<r { s[r * d + col] = s[col * d + r] } }
            }
        }
        return (mean, DoubleMatrix(rows: d, columns: d, values: covariance))
    }
}
