import GANTensor
import GANTestSupport
import Testing

/// Values, adjointness and first/second-order gradients of gather / scatter-add, along an
/// axis and over flat indices.
@Suite struct GatherTests {
    /// ⟨A x, y⟩ = ⟨x, Aᵀ y⟩ for an op A and its claimed adjoint.
    static func expectAdjoint(_ x: Tensor, _ y: Tensor, _ op: (Tensor) -> Tensor, _ adjoint: (Tensor) -> Tensor,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let lhs = (op(x) * y).sum().item, rhs = (x * adjoint(y)).sum().item
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.max(1, Swift.abs(lhs)), "\(lhs) vs \(rhs)", sourceLocation: sourceLocation)
    }

    @Test func gatheredSelectsSlicesAlongAnAxis() {
        let x = Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6])
        expectValues(x.gathered(axis: 0, indices: [2, 0, 2]), [5, 6, 1, 2, 5, 6], shape: [3, 2])
        expectValues(x.gathered(axis: -1, indices: [1, 1, 0]), [2, 2, 1, 4, 4, 3, 6, 6, 5], shape: [3, 3])
        expectValues(x.gathered(axis: 0, indices: []), [], shape: [0, 2])
    }

    @Test func scatterAddedSumsRepeatedIndices() {
        let g = Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6])
        // Rows 0 and 2 of g land on row 2, row 1 on row 0; row 1 of the result stays zero.
        expectValues(g.scatterAdded(axis: 0, indices: [2, 0, 2], extent: 3), [3, 4, 0, 0, 6, 8], shape: [3, 2])
        expectValues(g.scatterAdded(axis: 1, indices: [0, 0], extent: 3), [3, 0, 0, 7, 0, 0, 11, 0, 0], shape: [3, 3])
    }

    @Test(arguments: [0, 1, 2, -1])
    func scatterAddedIsTheAdjointOfGathered(axis: Int) {
        let x = TestInputs.uniform([3, 4, 5], seed: 51)
        let extent = x.shape[(axis + 3) % 3]
        let indices = [extent - 1, 0, 1, 0, extent - 1, 2]
        var outShape = x.shape
        outShape[(axis + 3) % 3] = indices.count
        let y = TestInputs.uniform(outShape, seed: 52)
        Self.expectAdjoint(x, y, { $0.gathered(axis: axis, indices: indices) },
                           { $0.scatterAdded(axis: axis, indices: indices, extent: extent) })
    }

    @Test(arguments: [0, 1, 2])
    func axisGatherGradientsMatchFiniteDifferences(axis: Int) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 53)
        let indices = [1, 0, 1, 1]
        try expectGradientsMatch([x]) { $0[0].gathered(axis: axis, indices: indices) }
        var gShape = x.shape
        gShape[axis] = indices.count
        let g = TestInputs.uniform(gShape, seed: 54)
        try expectGradientsMatch([g]) { $0[0].scatterAdded(axis: axis, indices: indices, extent: x.shape[axis] + 1) }
    }

    @Test func scatterAddedSplitsWideRowsOfOneSliceOverTheCores() {
        // One outer slice with 16 × 8192 elements takes the kernel's inner-split, parallel path.
        let g = TestInputs.uniform([1, 16, 8192], seed: 55)
        let indices = (0..<16).map { $0 % 3 }
        let out = g.scatterAdded(axis: 1, indices: indices, extent: 3)
        for target in 0..<3 {
            var expected = Tensor.zeros([1, 1, 8192])
            for (j, i) in indices.enumerated() where i == target { expected = expected + g.slice(axis: 1, range: j..<(j + 1)) }
            expectValues(out.slice(axis: 1, range: target..<(target + 1)), expected.scalars, tolerance: 0)
        }
    }

    @Test func flatGatherFillsZeroAtNegativeIndices() {
        let x = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        expectValues(x.gathered(flatIndices: [3, -1, 0, 0, 2, -1], shape: [2, 3]), [4, 0, 1, 1, 3, 0], shape: [2, 3])
    }

    @Test func flatScatterAddedSumsCollisionsAndSkipsNegativeIndices() {
        let g = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        expectValues(g.scatterAdded(flatIndices: [3, -1, 0, 0, 2, -1], shape: [2, 2]), [7, 0, 5, 1], shape: [2, 2])
    }

    @Test func flatScatterAddedIsTheAdjointOfFlatGather() {
        let x = TestInputs.uniform([3, 4], seed: 56)
        var rng = RandomSource(seed: 57)
        let indices = (0..<20).map { _ in rng.integer(in: -2..<12) }
        let y = TestInputs.uniform([4, 5], seed: 58)
        Self.expectAdjoint(x, y, { $0.gathered(flatIndices: indices, shape: [4, 5]) },
                           { $0.scatterAdded(flatIndices: indices, shape: [3, 4]) })
    }

    @Test func flatGatherGradientsMatchFiniteDifferences() throws {
        let x = TestInputs.uniform([3, 4], seed: 59)
        var rng = RandomSource(seed: 60)
        let indices = (0..<15).map { _ in rng.integer(in: -3..<12) }
        try expectGradientsMatch([x]) { $0[0].gathered(flatIndices: indices, shape: [3, 5]) }
        let g = TestInputs.uniform([3, 5], seed: 61)
        try expectGradientsMatch([g]) { $0[0].scatterAdded(flatIndices: indices, shape: [3, 4]) }
    }
}
