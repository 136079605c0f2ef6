import GANCore
import GANTensor
import GANTestSupport
import Testing

/// The RG transforms: block means, constant fields, and the Gaussian's small-σ limit.
@Suite struct RGTransformTests {
    @Test func blockSpinReplacesEachTwoByTwoBlockByItsMean() {
        let field = Tensor(shape: [1, 1, 4, 4], values: (0..<16).map(Float.init))
        let coarse = KadanoffBlockSpin().coarseGrain(field)
        #expect(coarse.shape == [1, 1, 2, 2])
        #expect(coarse.scalars == [2.5, 4.5, 10.5, 12.5])
    }

    @Test(arguments: [0.5, 1.0, 2.0])
    func gaussianKeepsAConstantFieldConstant(sigma: Double) {
        let field = Tensor(shape: [2, 3, 8, 8], repeating: 0.7)
        let coarse = GaussianRG(sigma: sigma).coarseGrain(field)
        #expect(coarse.shape == [2, 3, 4, 4])
        #expect(coarse.scalars.allSatisfy { abs($0 - 0.7) < 1e-6 })
    }

    @Test func gaussianWithSmallSigmaApproachesTheBlockMean() {
        var rng = RandomSource(seed: 5)
        let field = Tensor.uniform([1, 2, 8, 8], using: &rng)
        let gaussian = GaussianRG(sigma: 0.05).coarseGrain(field).scalars
        let block = KadanoffBlockSpin().coarseGrain(field).scalars
        #expect(zip(gaussian, block).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func gaussianRunsDownToOnePixel() {
        var rng = RandomSource(seed: 6)
        var field = Tensor.uniform([1, 1, 16, 16], using: &rng)
        let rg = GaussianRG(sigma: 1.5)
        while field.shape[2] > 1 { field = rg.coarseGrain(field) }
        #expect(field.shape == [1, 1, 1, 1])
    }

    @Test func bothTransformsAreDifferentiableToSecondOrder() throws {
        var rng = RandomSource(seed: 7)
        let x = Tensor.uniform([1, 2, 4, 4], using: &rng)
        for rg in [KadanoffBlockSpin(), GaussianRG(sigma: 1)] as [any RGTransform] {
            let report = try GradCheck.secondOrder([x]) { rg.coarseGrain($0[0]).squared() }
            #expect(report.relativeError < 2e-3, "\(rg.name): \(report)")
        }
    }
}
