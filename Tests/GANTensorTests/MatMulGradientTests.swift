import GANTensor
import GANTestSupport
import Testing

/// Values and first/second-order gradients of matmul in all four transpose combinations,
/// with and without batch axes.
@Suite struct MatMulGradientTests {
    @Test(arguments: [false, true], [false, true])
    func unbatchedGradientsMatchFiniteDifferences(transposeA: Bool, transposeB: Bool) throws {
        let a = TestInputs.uniform(transposeA ? [4, 3] : [3, 4], seed: 41)
        let b = TestInputs.uniform(transposeB ? [5, 4] : [4, 5], seed: 42)
        try expectGradientsMatch([a, b]) { Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test(arguments: [false, true], [false, true])
    func batchedGradientsMatchFiniteDifferences(transposeA: Bool, transposeB: Bool) throws {
        let a = TestInputs.uniform(transposeA ? [2, 4, 3] : [2, 3, 4], seed: 43)
        let b = TestInputs.uniform(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 44)
        try expectGradientsMatch([a, b]) { Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB) }
    }

    @Test func valuesOnKnownInputs() {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], values: [7, 8, 9, 10, 11, 12])
        expectValues(Tensor.matmul(a, b), [58, 64, 139, 154], shape: [2, 2])
        expectValues(Tensor.matmul(a, a, transposeB: true), [14, 32, 32, 77], shape: [2, 2])
        expectValues(Tensor.matmul(a, a, transposeA: true), [17, 22, 27, 22, 29, 36, 27, 36, 45], shape: [3, 3])
        expectValues(Tensor.matmul(b, a, transposeA: true, transposeB: true), [58, 139, 64, 154], shape: [2, 2])
    }

    @Test(arguments: [false, true], [false, true])
    func transposeFlagsEqualExplicitTransposes(transposeA: Bool, transposeB: Bool) {
        let a = TestInputs.uniform([3, 4, 2], seed: 45), b = TestInputs.uniform([3, 2, 5], seed: 46)
        let reference = Tensor.matmul(a, b)
        let flagged = Tensor.matmul(transposeA ? a.transposed() : a, transposeB ? b.transposed() : b,
                                    transposeA: transposeA, transposeB: transposeB)
        expectValues(flagged, reference.scalars, shape: [3, 4, 5], tolerance: 1e-5)
    }

    @Test func batchedProductIsThePerBatchProduct() {
        let a = TestInputs.uniform([3, 2, 4], seed: 47), b = TestInputs.uniform([3, 4, 5], seed: 48)
        let batched = Tensor.matmul(a, b)
        for i in 0..<3 {
            let single = Tensor.matmul(a.slice(axis: 0, range: i..<(i + 1)).reshaped([2, 4]),
                                       b.slice(axis: 0, range: i..<(i + 1)).reshaped([4, 5]))
            expectValues(batched.slice(axis: 0, range: i..<(i + 1)), single.scalars, tolerance: 1e-6)
        }
    }
}
