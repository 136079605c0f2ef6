import GANTensor
import Testing

/// `Gemm.multiply` splits large products over the cores (by columns of C, or by rows when C
/// is taller than wide); every transpose combination must agree with a plain triple loop.
@Suite struct GemmTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool
        var testDescription: String {
            "\(m)×\(k)\(transposeA ? "ᵀ" : "") · \(k)×\(n)\(transposeB ? "ᵀ" : "")\(accumulate ? " + C" : "")"
        }
    }

    static let cases: [Case] = [false, true].flatMap { ta in
        [false, true].flatMap { tb in
            [Case(m: 37, n: 301, k: 257, transposeA: ta, transposeB: tb, accumulate: false),   // split by columns
             Case(m: 290, n: 45, k: 193, transposeA: ta, transposeB: tb, accumulate: true),     // split by rows
             Case(m: 3, n: 5, k: 7, transposeA: ta, transposeB: tb, accumulate: false)]        // one call
        }
    }

    @Test(arguments: cases)
    func matchesTheTripleLoop(_ c: Case) {
        var rng = RandomSource(seed: 31)
        let a = Tensor.uniform(c.transposeA ? [c.k, c.m] : [c.m, c.k], low: -1, high: 1, using: &rng).scalars
        let b = Tensor.uniform(c.transposeB ? [c.n, c.k] : [c.k, c.n], low: -1, high: 1, using: &rng).scalars
        let initial = Tensor.uniform([c.m, c.n], low: -1, high: 1, using: &rng).scalars
        var product = initial
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                product.withUnsafeMutableBufferPointer { cp in
                    Gemm.multiply(ap.baseAddress!, rows: c.transposeA ? c.k : c.m, columns: c.transposeA ? c.m : c.k,
                                  transposed: c.transposeA,
                                  bp.baseAddress!, rows: c.transposeB ? c.n : c.k, columns: c.transposeB ? c.k : c.n,
                                  transposed: c.transposeB, into: cp.baseAddress!, accumulate: c.accumulate)
                }
            }
        }
        var worst: Double = 0
        for i in 0..<c.m {
            for j in 0..<c.n {
                var sum = c.accumulate ? Double(initial[i * c.n + j]) : 0
                for p in 0..<c.k {
                    let aip = c.transposeA ? a[p * c.m + i] : a[i * c.k + p]
                    let bpj = c.transposeB ? b[j * c.k + p] : b[p * c.n + j]
                    sum += Double(aip) * Double(bpj)
                }
                worst = max(worst, abs(sum - Double(product[i * c.n + j])))
            }
        }
        #expect(worst < 1e-4, "max error \(worst)")
    }
}
