import GANCore
import GANMetrics
import Testing

/// Precision, recall, density and coverage against the prdc package's formulas, and by hand.
@Suite struct PrecisionRecallDensityCoverageTests {
    @Test(arguments: MetricFixture.all.indices)
    func matchPRDCOnSeededFeatures(_ index: Int) {
        let f = MetricFixture.all[index]
        let balls = NearestNeighbourBalls(real: MetricFixture.features(f.real), fake: MetricFixture.features(f.fake), k: f.k)
        let pr = PrecisionRecall(balls), dc = DensityCoverage(balls)
        #expect(isClose(pr.precision, f.precision, relative: 1e-12), "\(f.name): precision \(pr.precision) against \(f.precision)")
        #expect(isClose(pr.recall, f.recall, relative: 1e-12), "\(f.name): recall \(pr.recall) against \(f.recall)")
        #expect(isClose(dc.density, f.density, relative: 1e-12), "\(f.name): density \(dc.density) against \(f.density)")
        #expect(isClose(dc.coverage, f.coverage, relative: 1e-12), "\(f.name): coverage \(dc.coverage) against \(f.coverage)")
    }

    @Test func radiusIsTheKthNeighbourExcludingThePointItself() {
        // Points 0, 1, 3, 7 on a line: with k = 1 the radii are 1, 1, 2, 4 (squared 1, 1, 4, 16).
        let real = Tensor(shape: [4, 1], values: [0, 1, 3, 7])
        let fake = Tensor(shape: [2, 1], values: [2.5, 20])
        let balls = NearestNeighbourBalls(real: real, fake: fake, k: 1)
        #expect(balls.realRadii == [1, 1, 4, 16])
        // 2.5 lies in the balls of 1 (|1.5| < 1? no) and 3 (0.5 < 2): precision 1/2; 20 in none.
        let pr = PrecisionRecall(balls), dc = DensityCoverage(balls)
        #expect(pr.precision == 0.5)
        // Fake radii (k = 1 within {2.5, 20}): 17.5 each, so every real point is recalled.
        #expect(pr.recall == 1)
        // Density: 2.5 is in the balls of 3 and 7 (|4.5| < 4? no) → only 3: 1 / (1·2).
        #expect(dc.density == 0.5)
        // Coverage: the ball of 3 holds 2.5; the others hold no fake → 1/4.
        #expect(dc.coverage == 0.25)
    }
}
