import CBLAS
import Dispatch

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
                da = a.needsGradient ? matmul(g, b, transposeB: true) : nil
                db = b.needsGradient ? matmul(a, g, transposeA: true) : nil
            case (true, false):
                da = a.needsGradient ? matmul(b, g, transposeB: true) : nil
                db = b.needsGradient ? matmul(a, g) : nil
            case (false, true):
                da = a.needsGradient ? matmul(g, b) : nil
                db = b.needsGradient ? matmul(g, a, transposeA: true) : nil
            case (true, true):
                da = a.needsGradient ? matmul(b, g, transposeA: true, transposeB: true) : nil
                db = b.needsGradient ? matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [da, db]
        }
    }
}

/// Row-major matrix products on OpenBLAS `cblas_sgemm`.
///
/// GANTensor runs OpenBLAS single-threaded and splits a large product over the cores itself,
/// by columns of C (by rows when C is taller than wide), one sgemm per core. OpenBLAS's own
/// worker threads spin for about 0.1 s after every call and then compete with GANTensor's
/// kernels for the cores; and one sgemm per core measured faster on convolution shapes
/// (128×1024 · 1024×4096: 146 against 95 GFLOP/s on the project's 2-core machine, 1024³ on a
/// par at ≈ 175). Kernels that already give each core its own work call `serial`.
public enum Gemm {
    /// C (M×N) = op(A) · op(B) (+ C when `accumulate`), all row-major and contiguous.
    public static func multiply(_ a: UnsafePointer<Float>, rows ar: Int, columns ac: Int, transposed ta: Bool,
                                _ b: UnsafePointer<Float>, rows br: Int, columns bc: Int, transposed tb: Bool,
                                into c: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let m = ta ? ac : ar, k = ta ? ar : ac, n = tb ? br : bc
        precondition(k == (tb ? bc : br), "Gemm.multiply: inner extents differ (\(ar)×\(ac) and \(br)×\(bc))")
        let splitColumns = n >= m
        let extent = splitColumns ? n : m
        // Parts of at least 16 rows or columns (one AVX-512 vector) and ~2 MFLOP each.
        let parts = Swift.min(Parallelism.cores, extent / 16, Swift.max(1, m * n * k / (1 << 20)))
        guard parts > 1 else {
            serial(a, ac, ta, b, bc, tb, into: c, ldc: n, m: m, n: n, k: k, accumulate: accumulate)
            return
        }
        let (pa, pb, pc) = (UncheckedSendable(a), UncheckedSendable(b), UncheckedSendable(c))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lower = extent * part / parts / 16 * 16
            let upper = part == parts - 1 ? extent : extent * (part + 1) / parts / 16 * 16
            if splitColumns {
                // Columns lower..<upper of op(B) and of C.
                serial(pa.value, ac, ta, pb.value + (tb ? lower * bc : lower), bc, tb, into: pc.value + lower, ldc: n,
                       m: m, n: upper - lower, k: k, accumulate: accumulate)
            } else {
                // Rows lower..<upper of op(A) and of C.
                serial(pa.value + (ta ? lower : lower * ac), ac, ta, pb.value, bc, tb, into: pc.value + lower * n, ldc: n,
                       m: upper - lower, n: n, k: k, accumulate: accumulate)
            }
        }
    }

    /// One single-threaded sgemm on the calling thread: C (m×n, row stride ldc) = op(A) · op(B)
    /// (+ C when `accumulate`), where A and B are stored row-major with row strides lda, ldb.
    static func serial(_ a: UnsafePointer<Float>, _ lda: Int, _ ta: Bool, _ b: UnsafePointer<Float>, _ ldb: Int, _ tb: Bool,
                       into c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if !accumulate { for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) } }
            return
        }
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
    }

    /// Switches OpenBLAS to one thread, once, before its first use.
    static let singleThreaded: Void = openblas_set_num_threads(1)
}
