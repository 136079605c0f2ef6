import GANCore
import GANTestSupport
import RegularizerMS3D
import Testing

/// MS3D: the worked example and invariants of docs/methods.md, and its gradient through D.
@Suite struct MS3DTests {
    static func field(_ values: [Float], _ shape: [Int]) -> Tensor { Tensor(shape: shape, values: values) }

    @Test func workedFourByFourExampleGivesTheReferenceValue() {
        let ms3d = MS3D(scales: 1)
        let g = Self.field((0..<16).map(Float.init), [1, 1, 4, 4])
        let m = ms3d.normalised(ms3d.matrix(g))
        let blocks = KadanoffBlockSpin().coarseGrain(m).scalars
        for (value, expected) in zip(blocks, [0.16667, 0.3, 0.7, 0.83333] as [Float]) { #expect(abs(value - expected) < 1e-4) }
        let (total, perScale) = ms3d.dissimilarity(g)
        #expect(perScale.count == 1)
        #expect(abs(total.item - 0.0188889) < 1e-6)
    }

    @Test func flattenedSquareLayoutPadsToThePaperSize() {
        let g = Tensor.ones([2, 3, 32, 32])
        #expect(MS3D().matrix(g).shape == [2, 1, 64, 64])
        #expect(MS3D(layout: .spatial).matrix(Tensor.ones([2, 3, 12, 12])).shape == [2, 3, 16, 16])
        #expect(MS3D().dissimilarity(Tensor.ones([1, 1, 16, 16])).perScale.count == 4)
    }

    @Test func isNonNegativeAndZeroOnAConstantField() {
        var rng = RandomSource(seed: 2)
        for layout in [MS3D.Layout.flattenedSquare, .spatial] {
            let random = Tensor.normal([3, 2, 8, 8], using: &rng)
            #expect(MS3D(layout: layout).dissimilarity(random).total.item >= 0)
            #expect(MS3D(layout: layout).dissimilarity(Tensor(shape: [2, 1, 16, 16], repeating: 0.3)).total.item == 0)
        }
    }

    @Test func scalesBelowTheBlockSizeOfABlockConstantFieldAreZero() {
        // Constant on 4×4 blocks (j = 2): SD_0 = SD_1 = 0, SD_2 > 0.
        var rng = RandomSource(seed: 3)
        let blocks = Tensor.uniform([1, 1, 4, 4], using: &rng)
        let field = blocks.upsampleNearest(factor: 4)
        let sd = MS3D().dissimilarity(field).perScale.map(\.item)
        #expect(sd.count == 4)
        #expect(sd[0] == 0 && sd[1] == 0)
        #expect(sd[2] > 0)
    }

    @Test func isInvariantToAffineChangesWhenNoPaddingIsNeeded() {
        var rng = RandomSource(seed: 4)
        let g = Tensor.normal([2, 1, 16, 16], using: &rng)
        let a = MS3D().dissimilarity(g).total.item
        let b = MS3D().dissimilarity(g * 3.5 + 0.7).total.item
        #expect(abs(a - b) < 1e-5 * max(1, abs(a)))
    }

    /// The normalisation's min and max are kinks: a finite-difference step that swaps the
    /// arg-max of a sample's field is not a derivative. The batches are chosen (and checked) so
    /// that the two largest and two smallest entries of every field are ≥ 0.03 apart.
    @Test(arguments: [MS3D.Field.real, .fake, .both])
    func penaltyGradientWithRespectToWeightsMatchesFiniteDifferences(field: MS3D.Field) throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 7)
        let reals = Contexts.batch(2, seed: 10), fakes = Contexts.batch(2, seed: 12)
        for batch in [reals, fakes] {
            let x = batch.requiringGradient()
            let g = try FunctionalDiscriminator(w1, w2)(x).sum().gradients(wrt: [x])[0].scalars
            for sample in 0..<2 {
                let v = g[(sample * 16)..<(sample * 16 + 16)].sorted()
                try #require(v[1] - v[0] > 0.03 && v[15] - v[14] > 0.03, "extremes too close for finite differences")
            }
        }
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            let d = FunctionalDiscriminator(w[0], w[1])
            var context = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
            return try! MS3D(weight: 1, field: field).penalty(&context)!
        }
        #expect(report.relativeError < 5e-3, "\(report)")
    }

    @Test func logsEveryScale() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 7)
        var context = Contexts.discriminatorPhase(FunctionalDiscriminator(w1, w2), reals: Contexts.batch(2, seed: 8), fakes: Contexts.batch(2, seed: 9))
        _ = try MS3D().penalty(&context)
        #expect(context.metrics.keys.sorted() == ["ms3d.sd0", "ms3d.sd1"])
    }
}
