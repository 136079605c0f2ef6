import GANTensor
import GANTestSupport
import Testing

/// Values and first/second-order gradients of slice, pad, concat, stack and flip.
@Suite struct SlicingTests {
    @Test func sliceKeepsTheWindow() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        expectValues(x.slice(axis: 1, range: 1..<3), [2, 3, 5, 6], shape: [2, 2])
        expectValues(x.slice(axis: 0, range: 1..<2), [4, 5, 6], shape: [1, 3])
        expectValues(x.slice(axis: -1, range: 2..<2), [], shape: [2, 0])
        expectValues(x.slice([1..<2, 0..<2]), [4, 5], shape: [1, 2])
        expectValues(x.slice([0..<2]), [1, 2, 4, 5], shape: [2, 2])
    }

    @Test func zeroPaddingSurroundsWithZeros() {
        expectValues(Tensor([1, 2, 3]).padded([(1, 2)]), [0, 1, 2, 3, 0, 0], shape: [6])
        let x = Tensor(shape: [1, 2, 2], values: [1, 2, 3, 4])
        expectValues(x.padded([(1, 0), (0, 1)]), [0, 0, 0, 1, 2, 0, 3, 4, 0], shape: [1, 3, 3])
    }

    @Test func reflectPaddingMirrorsWithoutRepeatingTheEdge() {
        expectValues(Tensor([1, 2, 3]).padded([(2, 2)], mode: .reflect), [3, 2, 1, 2, 3, 2, 1], shape: [7])
        // PyTorch F.pad(x, (1, 1, 1, 1), mode='reflect') on [[1, 2, 3], [4, 5, 6]].
        let x = Tensor(shape: [1, 2, 3], values: [1, 2, 3, 4, 5, 6])
        expectValues(x.padded([(1, 1), (1, 1)], mode: .reflect),
                     [5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2], shape: [1, 4, 5])
    }

    @Test func reflectPaddingAccumulatesTheGradientOfMirroredElements() throws {
        let x = Tensor([1, 2, 3]).requiringGradient()
        // [3, 2, 1, 2, 3, 2, 1]: x₀ appears twice, x₁ three times, x₂ twice.
        let g = try x.padded([(2, 2)], mode: .reflect).sum().gradients(wrt: [x])[0]
        expectValues(g, [2, 3, 2])
    }

    @Test func slicingUndoesZeroPadding() {
        let x = TestInputs.uniform([2, 3, 4], seed: 71)
        let back = x.padded([(1, 2), (0, 3)]).slice([1..<4, 0..<4])
        #expect(back.shape == x.shape)
        #expect(back.scalars == x.scalars)
    }

    @Test(arguments: [PaddingMode.zero, .reflect])
    func paddingGradientsMatchFiniteDifferences(mode: PaddingMode) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 72)
        try expectGradientsMatch([x]) { $0[0].padded([(1, 2), (3, 0)], mode: mode) }
        try expectGradientsMatch([x]) { $0[0].padded([(1, 1), (0, 0), (1, 3)], mode: mode) }
    }

    @Test(arguments: [0, 1, 2])
    func sliceGradientsMatchFiniteDifferences(axis: Int) throws {
        let x = TestInputs.uniform([3, 4, 5], seed: 73)
        try expectGradientsMatch([x]) { $0[0].slice(axis: axis, range: 1..<3) }
        try expectGradientsMatch([x]) { $0[0].slice([1..<4, 2..<5]) }
    }

    @Test func concatJoinsAlongTheAxis() {
        let a = Tensor(shape: [2, 1], values: [1, 2]), b = Tensor(shape: [2, 2], values: [3, 4, 5, 6])
        expectValues(Tensor.concat([a, b], axis: 1), [1, 3, 4, 2, 5, 6], shape: [2, 3])
        expectValues(Tensor.concat([b, b], axis: 0), [3, 4, 5, 6, 3, 4, 5, 6], shape: [4, 2])
        expectValues(Tensor.concat([a, b, a], axis: -1), [1, 3, 4, 1, 2, 5, 6, 2], shape: [2, 4])
    }

    @Test func stackAddsANewAxis() {
        let a = Tensor([1, 2]), b = Tensor([3, 4])
        expectValues(Tensor.stack([a, b], axis: 0), [1, 2, 3, 4], shape: [2, 2])
        expectValues(Tensor.stack([a, b], axis: 1), [1, 3, 2, 4], shape: [2, 2])
        expectValues(Tensor.stack([a, b, a], axis: -1), [1, 3, 1, 2, 4, 2], shape: [2, 3])
    }

    @Test(arguments: [0, 1, 2])
    func concatAndStackGradientsMatchFiniteDifferences(axis: Int) throws {
        var shapeB = [2, 3, 4]
        shapeB[axis] = 2
        let a = TestInputs.uniform([2, 3, 4], seed: 74), b = TestInputs.uniform(shapeB, seed: 75)
        try expectGradientsMatch([a, b]) { Tensor.concat([$0[0], $0[1], $0[0]], axis: axis) }
        let c = TestInputs.uniform([2, 3, 4], seed: 76)
        try expectGradientsMatch([a, c]) { Tensor.stack([$0[0], $0[1]], axis: axis) }
    }

    @Test func concatGivesNoGradientToConstantParts() throws {
        let a = Tensor([1, 2]).requiringGradient(), constant = Tensor([3])
        let g = try (Tensor.concat([constant, a], axis: 0) * Tensor([10, 20, 30])).sum().gradients(wrt: [a])[0]
        expectValues(g, [20, 30])
    }

    @Test func flippedReversesTheAxesAndTwiceIsIdentity() {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        expectValues(x.flipped(axes: [1]), [3, 2, 1, 6, 5, 4], shape: [2, 3])
        expectValues(x.flipped(axes: [0]), [4, 5, 6, 1, 2, 3], shape: [2, 3])
        expectValues(x.flipped(axes: [0, -1]), [6, 5, 4, 3, 2, 1], shape: [2, 3])
        let y = TestInputs.uniform([2, 3, 4, 5], seed: 77)
        #expect(y.flipped(axes: [1, 3]).flipped(axes: [3, 1]).scalars == y.scalars)
    }

    @Test(arguments: [[0], [2], [1, 2], [0, 1, 2]])
    func flipGradientsMatchFiniteDifferences(axes: [Int]) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 78)
        try expectGradientsMatch([x]) { $0[0].flipped(axes: axes) }
    }
}
