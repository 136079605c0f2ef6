import GANTensor
import GANTestSupport
import Testing

/// Values and first/second-order gradients of reshape, permute and transpose.
@Suite struct ReshapeGradientTests {
    @Test(arguments: [[24], [4, 6], [2, -1, 2], [1, 2, 3, 4]])
    func reshapeGradientsMatchFiniteDifferences(shape: [Int]) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 31)
        try expectGradientsMatch([x]) { $0[0].reshaped(shape) }
    }

    @Test(arguments: [[0, 1, 2], [2, 0, 1], [1, 0, 2], [2, 1, 0]])
    func permuteGradientsMatchFiniteDifferences(order: [Int]) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 32)
        try expectGradientsMatch([x]) { $0[0].permuted(order) }
    }

    @Test(arguments: [[3, 4], [2, 3, 4]])
    func transposeGradientsMatchFiniteDifferences(shape: [Int]) throws {
        let x = TestInputs.uniform(shape, seed: 33)
        try expectGradientsMatch([x]) { $0[0].transposed() }
    }

    @Test func valuesOnKnownInputs() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        expectValues(x.reshaped([3, -1]), [1, 2, 3, 4, 5, 6], shape: [3, 2])
        expectValues(x.flattened(), [1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectValues(x.transposed(), [1, 4, 2, 5, 3, 6], shape: [3, 2])
        let y = Tensor(shape: [2, 2, 2], values: [0, 1, 2, 3, 4, 5, 6, 7])
        // out[i, j, k] = y[k, i, j]
        expectValues(y.permuted([1, 2, 0]), [0, 4, 1, 5, 2, 6, 3, 7], shape: [2, 2, 2])
        #expect(y.permuted([2, 0, 1]).permuted([1, 2, 0]).scalars == y.scalars)
    }
}
