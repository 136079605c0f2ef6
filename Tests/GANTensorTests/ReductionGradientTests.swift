import GANTensor
import GANTestSupport
import Testing

/// Values and first/second-order gradients of sums, means, extrema and the broadcast pair
/// expand / sum(toShape:).
@Suite struct ReductionGradientTests {
    static let axesCases: [[Int]?] = [nil, [0], [1], [2], [0, 2], [-1], [1, 2], []]

    @Test(arguments: axesCases, [false, true])
    func sumAndMeanGradientsMatchFiniteDifferences(axes: [Int]?, keepDims: Bool) throws {
        let x = TestInputs.uniform([2, 3, 4], seed: 21)
        try expectGradientsMatch([x]) { $0[0].sum(axes: axes, keepDims: keepDims) }
        try expectGradientsMatch([x]) { $0[0].mean(axes: axes, keepDims: keepDims) }
    }

    @Test(arguments: axesCases, [false, true])
    func maxAndMinGradientsMatchFiniteDifferencesWithoutTies(axes: [Int]?, keepDims: Bool) throws {
        let x = TestInputs.distinct([2, 3, 4], seed: 22)
        try expectGradientsMatch([x]) { $0[0].max(axes: axes, keepDims: keepDims) }
        try expectGradientsMatch([x]) { $0[0].min(axes: axes, keepDims: keepDims) }
    }

    @Test func valuesOnKnownInputs() {
        let x = Tensor(shape: [2, 3], values: [1, 5, 3, 4, 2, 6])
        expectValues(x.sum(), [21], shape: [])
        expectValues(x.sum(axes: [0]), [5, 7, 9], shape: [3])
        expectValues(x.sum(axes: [1], keepDims: true), [9, 12], shape: [2, 1])
        expectValues(x.mean(axes: [-1]), [3, 4], shape: [2])
        expectValues(x.mean(), [3.5], shape: [])
        expectValues(x.max(axes: [0]), [4, 5, 6], shape: [3])
        expectValues(x.max(axes: [1], keepDims: true), [5, 6], shape: [2, 1])
        expectValues(x.min(axes: [1]), [1, 2], shape: [2])
        expectValues(x.min(), [1], shape: [])
        expectValues(Tensor([1, 2, 3]).expand(to: [2, 3]), [1, 2, 3, 1, 2, 3], shape: [2, 3])
        expectValues(Tensor(shape: [2, 1], values: [1, 2]).expand(to: [2, 3]), [1, 1, 1, 2, 2, 2], shape: [2, 3])
        expectValues(x.sum(toShape: [3]), [5, 7, 9], shape: [3])
        expectValues(x.sum(toShape: [2, 1]), [9, 12], shape: [2, 1])
        expectValues(x.sum(toShape: [1, 1]), [21], shape: [1, 1])
    }

    @Test func tiedExtremaShareTheGradientEqually() throws {
        let x = Tensor(shape: [2, 4], values: [1, 3, 3, 2, -1, -1, -1, 0]).requiringGradient()
        let maxGrad = try x.max(axes: [1]).sum().gradients(wrt: [x])[0]
        expectValues(maxGrad, [0, 0.5, 0.5, 0, 0, 0, 0, 1])
        let minGrad = try x.min(axes: [1]).sum().gradients(wrt: [x])[0]
        expectValues(minGrad, [1, 0, 0, 0, 1 / 3, 1 / 3, 1 / 3, 0])
        let allGrad = try x.max().gradients(wrt: [x])[0]
        expectValues(allGrad, [0, 0.5, 0.5, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [([3], [2, 3]), ([2, 1], [2, 3]), ([1, 3, 1], [2, 3, 4]), ([], [2, 2]), ([4], [2, 3, 4])])
    func expandAndSumToShapeGradientsMatchFiniteDifferences(shapes: ([Int], [Int])) throws {
        let small = TestInputs.uniform(shapes.0, seed: 23), large = TestInputs.uniform(shapes.1, seed: 24)
        try expectGradientsMatch([small]) { $0[0].expand(to: shapes.1) }
        try expectGradientsMatch([large]) { $0[0].sum(toShape: shapes.0) }
    }
}
