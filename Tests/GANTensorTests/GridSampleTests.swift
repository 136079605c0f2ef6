import Foundation
import GANTensor
import GANTestSupport
import Testing

/// Bilinear grid sampling: PyTorch reference values and gradients, identity and adjointness,
/// and finite-difference checks in the image (any order) and the grid (first order only).
@Suite struct GridSampleTests {
    static let paddings: [GridSamplePadding] = [.zeros, .border, .reflection]

    /// The grid that samples every pixel centre of an H×W image.
    static func identityGrid(batch: Int, height: Int, width: Int) -> Tensor {
        var values: [Float] = []
        for _ in 0..<batch {
            for i in 0..<height {
                for j in 0..<width {
                    values += [(2 * Float(j) + 1) / Float(width) - 1, (2 * Float(i) + 1) / Float(height) - 1]
                }
            }
        }
        return Tensor(shape: [batch, height, width, 2], values: values)
    }

    /// A grid whose pixel coordinates keep a fractional part in [0.15, 0.35] ∪ [0.65, 0.85],
    /// reaching up to two pixels outside the image: away from the kinks of bilinear weights,
    /// clamping and reflection by more than the finite-difference step.
    static func offKinkGrid(batch: Int, outHeight: Int, outWidth: Int, height: Int, width: Int, seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        func coordinate(_ size: Int) -> Float {
            let cell = Float(rng.integer(in: -2..<(size + 1)))
            let fraction = 0.15 + 0.2 * rng.uniform() + (rng.next() & 1 == 0 ? 0 : 0.5)
            return (2 * (cell + fraction) + 1) / Float(size) - 1
        }
        var values: [Float] = []
        for _ in 0..<(batch * outHeight * outWidth) { values += [coordinate(width), coordinate(height)] }
        return Tensor(shape: [batch, outHeight, outWidth, 2], values: values)
    }

    @Test(arguments: paddings)
    func anIdentityGridReturnsTheImage(padding: GridSamplePadding) {
        let x = TestInputs.uniform([2, 3, 5, 4], seed: 91)
        let y = Tensor.gridSample(x, grid: Self.identityGrid(batch: 2, height: 5, width: 4), padding: padding)
        expectValues(y, x.scalars, shape: x.shape, tolerance: 1e-5)
    }

    @Test func aHalfPixelShiftAveragesNeighboursAndZeroPadsOutside() {
        let x = Tensor(shape: [1, 1, 1, 2], values: [2, 4])
        // x coordinates 0.5 (between the pixels), −0.5 (half outside), 1.5 (half outside).
        let grid = Tensor(shape: [1, 1, 3, 2], values: [0, 0, -1, 0, 1, 0])
        expectValues(Tensor.gridSample(x, grid: grid, padding: .zeros), [3, 1, 2], shape: [1, 1, 1, 3])
        expectValues(Tensor.gridSample(x, grid: grid, padding: .border), [3, 2, 4])
        expectValues(Tensor.gridSample(x, grid: grid, padding: .reflection), [3, 2, 4])
    }

    @Test func aNaNGridValueSamplesZeroAndAnInfiniteOneZeroUnlessClampedToTheBorder() {
        let x = Tensor(shape: [1, 1, 2, 2], values: [1, 2, 3, 4])
        let grid = Tensor(shape: [1, 1, 3, 2], values: [.nan, 0, 0, .infinity, -.infinity, 0])
        expectValues(Tensor.gridSample(x, grid: grid, padding: .zeros), [0, 0, 0], shape: [1, 1, 1, 3])
        expectValues(Tensor.gridSample(x, grid: grid, padding: .reflection), [0, 0, 0])
        // Border clamps y = +∞ to the bottom row and x = −∞ to the left column (as PyTorch).
        expectValues(Tensor.gridSample(x, grid: grid, padding: .border), [0, 3.5, 2])
    }

    struct Fixture: Decodable {
        struct Case: Decodable {
            let padding: String
            let x: [Float], xShape: [Int], grid: [Float], gridShape: [Int], upstream: [Float]
            let output: [Float], outputShape: [Int], imageGradient: [Float], gridGradient: [Float]
        }
        let cases: [Case]
    }

    @Test func valuesAndGradientsMatchPyTorch() throws {
        let url = try #require(Bundle.module.url(forResource: "grid_sample", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 3)
        for c in fixture.cases {
            let padding: GridSamplePadding = switch c.padding {
            case "zeros": .zeros
            case "border": .border
            default: .reflection
            }
            let x = Tensor(shape: c.xShape, values: c.x).requiringGradient()
            let grid = Tensor(shape: c.gridShape, values: c.grid).requiringGradient()
            let y = Tensor.gridSample(x, grid: grid, padding: padding)
            expectValues(y, c.output, shape: c.outputShape, tolerance: 1e-5, "\(c.padding) output")
            let grads = try y.gradients(wrt: [x, grid], seed: Tensor(shape: c.outputShape, values: c.upstream))
            expectValues(grads[0], c.imageGradient, shape: c.xShape, tolerance: 1e-5, "\(c.padding) image gradient")
            expectValues(grads[1], c.gridGradient, shape: c.gridShape, tolerance: 1e-4, "\(c.padding) grid gradient")
        }
    }

    /// Batch 1 spreads per channel (fewer images than cores), batch 3 per image.
    @Test(arguments: paddings, [1, 3])
    func theTransposedOpIsTheAdjoint(padding: GridSamplePadding, batch: Int) {
        let x = TestInputs.uniform([batch, 3, 5, 4], seed: 92), y = TestInputs.uniform([batch, 3, 3, 6], seed: 93)
        let grid = TestInputs.uniform([batch, 3, 6, 2], seed: 94, low: -1.5, high: 1.5)
        let lhs = (Tensor.gridSample(x, grid: grid, padding: padding) * y).sum().item
        let rhs = (x * Tensor.gridSampleTransposed(y, grid: grid, height: 5, width: 4, padding: padding)).sum().item
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.max(1, Swift.abs(lhs)), "\(lhs) vs \(rhs)")
    }

    @Test(arguments: paddings)
    func imageGradientsMatchFiniteDifferencesToSecondOrder(padding: GridSamplePadding) throws {
        let x = TestInputs.uniform([2, 2, 4, 5], seed: 95)
        let grid = TestInputs.uniform([2, 3, 3, 2], seed: 96, low: -1.4, high: 1.4)
        try expectGradientsMatch([x]) { Tensor.gridSample($0[0], grid: grid, padding: padding) }
        let y = TestInputs.uniform([2, 2, 3, 3], seed: 97)
        try expectGradientsMatch([y]) { Tensor.gridSampleTransposed($0[0], grid: grid, height: 4, width: 5, padding: padding) }
    }

    @Test(arguments: paddings)
    func gridGradientsMatchFiniteDifferences(padding: GridSamplePadding) throws {
        let x = TestInputs.uniform([2, 2, 4, 5], seed: 98)
        let grid = Self.offKinkGrid(batch: 2, outHeight: 3, outWidth: 3, height: 4, width: 5, seed: 99)
        let report = try GradCheck.firstOrder([x, grid]) { Tensor.gridSample($0[0], grid: $0[1], padding: padding) }
        #expect(report.relativeError < 2e-3, "\(report)")
    }

    @Test func differentiatingTheGridGradientAgainThrows() throws {
        let x = TestInputs.uniform([1, 1, 4, 4], seed: 100).requiringGradient()
        let grid = TestInputs.uniform([1, 2, 2, 2], seed: 101, low: -0.9, high: 0.9).requiringGradient()
        let loss = Tensor.gridSample(x, grid: grid).squared().sum()
        let grads = try loss.gradients(wrt: [x, grid], createGraph: true)
        #expect(throws: AutodiffError.notDifferentiableAgain(op: "gridSample")) {
            try grads[1].squared().sum().gradients(wrt: [grid])
        }
        #expect(throws: AutodiffError.notDifferentiableAgain(op: "gridSample")) {
            try grads[0].squared().sum().gradients(wrt: [x])
        }
    }
}
