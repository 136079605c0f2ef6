import CBLAS

/// The eigendecomposition A = V diag(λ) Vᵀ of a real symmetric matrix, by LAPACK's divide and
/// conquer `dsyevd` in OpenBLAS (what `numpy.linalg.eigh` calls through `syevd`). Only the upper
/// triangle of the matrix is read.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues λ, ascending.
    public let values: [Double]
    /// The orthonormal eigenvectors as the columns of V (column i belongs to `values[i]`), or nil
    /// when only the values were asked for.
    public let vectors: DoubleMatrix?

    /// Decomposes `matrix` (square); `vectors: false` computes the eigenvalues only (faster).
    /// Throws when LAPACK reports a failure to converge.
    public init(_ matrix: DoubleMatrix, vectors wantVectors: Bool = true) throws(LinearAlgebraError) {
        precondition(matrix.rows == matrix.columns, "SymmetricEigendecomposition: \(matrix.rows)×\(matrix.columns) is not square")
        let n = matrix.rows
        guard n > 0 else { values = []; vectors = wantVectors ? matrix : nil; return }
        var a = matrix.values  // row-major upper = column-major lower, so LAPACK reads uplo "L"
        var w = [Double](repeating: 0, count: n)
        var nn = blasint(n), info = blasint(0)
        let jobz: CChar = wantVectors ? 86 : 78  // "V" or "N"
        let uplo: CChar = 76  // "L"
        // Workspace query, then the decomposition.
        var workSize = 0.0, iworkSize = blasint(0), query = blasint(-1)
        _ = Gemm.singleThreaded
        withUnsafePointer(to: jobz) { jobz in
            withUnsafePointer(to: uplo) { uplo in
                dsyevd_(jobz, uplo, &nn, &a, &nn, &w, &workSize, &query, &iworkSize, &query, &info)
                if info == 0 {
                    var lwork = blasint(workSize), liwork = iworkSize
                    var work = [Double](repeating: 0, count: Int(lwork))
                    var iwork = [blasint](repeating: 0, count: Int(liwork))
                    dsyevd_(jobz, uplo, &nn, &a, &nn, &w, &work, &lwork, &iwork, &liwork, &info)
                }
            }
        }
        guard info == 0 else { throw .noConvergence(routine: "dsyevd", size: n, info: Int(info)) }
        values = w
        if wantVectors {
            // LAPACK left eigenvector i in column i of a column-major array, i.e. row i of `a`
            // read row-major: transpose so that columns hold the eigenvectors.
            var v = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { v[j * n + i] = a[i * n + j] } }
            vectors = DoubleMatrix(rows: n, columns: n, values: v)
        } else {
            vectors = nil
        }
    }
}

/// A failure reported by LAPACK.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The routine did not converge on a `size`×`size` matrix (LAPACK's `info` > 0).
    case noConvergence(routine: String, size: Int, info: Int)

    public var description: String {
        switch self {
        case .noConvergence(let routine, let size, let info):
            return "LAPACK \(routine) did not converge on a \(size)×\(size) matrix (info \(info))"
        }
    }
}
