import CBLAS

/// Matrix products on OpenBLAS `cblas_sgemm`.
extension Tensor {
    /// op(a) · op(b) over the last two axes, where op transposes when asked; leading (batch)
    /// axes must match. Shapes: a [..., M, K] (or [..., K, M] transposed), b [..., K, N]
    /// (or [..., N, K] transposed) → [..., M, N].
    ///
    /// The pullback is four matmuls with transpose flags, so no transposed copy is made.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank >= 2 && a.rank == b.rank, "matmul: shapes \(a.shape) and \(b.shape) need equal rank ≥ 2")
        let batchShape = Array(a.shape.dropLast(2))
        precondition(batchShape == Array(b.shape.dropLast(2)), "matmul: batch axes of \(a.shape) and \(b.shape) differ")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == k2, "matmul: inner extents differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batch = Shape.elementCount(batchShape)
        let y = Tensor.make(batchShape + [m, n]) { out in
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    for i in 0..<batch {
                        Gemm.multiply(ap.baseAddress! + i * ar * ac, rows: ar, columns: ac, transposed: transposeA,
                                      bp.baseAddress! + i * br * bc, rows: br, columns: bc, transposed: transposeB,
                                      into: out.baseAddress! + i * m * n, accumulate: false)
                    }
                }
            }
        }
        return record(y, op: "matmul", inputs: [a, b]) { g, _ in
            let da: Tensor?, db: Tensor?
            switch (transposeA, transposeB) {
            case (false, false):
                da = a.requiresGradient ? matmul(g, b, transposeB: true) : nil
                db = b.requiresGradient ? matmul(a, g, transposeA: true) : nil
            case (true, false):
                da = a.requiresGradient ? matmul(b, g, transposeB: true) : nil
                db = b.requiresGradient ? matmul(a, g) : nil
            case (false, true):
                da = a.requiresGradient ? matmul(g, b) : nil
                db = b.requiresGradient ? matmul(g, a, transposeA: true) : nil
            case (true, true):
                da = a.requiresGradient ? matmul(b, g, transposeA: true, transposeB: true) : nil
                db = b.requiresGradient ? matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [da, db]
        }
    }
}

/// Thin wrapper over `cblas_sgemm` for row-major matrices.
public enum Gemm {
    /// C (M×N) = op(A) · op(B) (+ C when `accumulate`), all row-major and contiguous.
    public static func multiply(_ a: UnsafePointer<Float>, rows ar: Int, columns ac: Int, transposed ta: Bool,
                                _ b: UnsafePointer<Float>, rows br: Int, columns bc: Int, transposed tb: Bool,
                                into c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let m = ta ? ac : ar, k = ta ? ar : ac, n = tb ? br : bc
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(ac), b, Int32(bc), accumulate ? 1 : 0, c, Int32(n))
    }
}
