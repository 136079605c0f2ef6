import GANCore
import GANMetrics
import Testing

/// KID against torch-fidelity's formula on the fixture's subsets, and its subset sampling.
@Suite struct KernelInceptionDistanceTests {
    @Test(arguments: MetricFixture.all.indices)
    func matchesTorchFidelityOnTheSameSubsets(_ index: Int) {
        let f = MetricFixture.all[index]
        let real = MetricFixture.features(f.real), fake = MetricFixture.features(f.fake)
        let kid = KernelInceptionDistance.estimate(real: real, fake: fake, subsets: f.kid_subsets.map { ($0.real, $0.fake) })
        #expect(isClose(kid.mean, f.kid_mean, relative: 1e-9), "\(f.name): \(kid.mean) against \(f.kid_mean)")
        #expect(isClose(kid.standardDeviation, f.kid_std, relative: 1e-7), "\(f.name): \(kid.standardDeviation) against \(f.kid_std)")
    }

    @Test(arguments: MetricFixture.all.indices)
    func matchesTheUnbiasedEstimatorOnWholeSets(_ index: Int) {
        let f = MetricFixture.all[index]
        let real = MetricFixture.features(f.real), fake = MetricFixture.features(f.fake)
        let kid = KernelInceptionDistance.estimate(real: real, fake: fake, subsets: [(Array(0..<f.real.n), Array(0..<f.fake.n))])
        #expect(isClose(kid.mean, f.kid_whole_sets, relative: 1e-9))
        #expect(kid.standardDeviation == 0)
    }

    @Test func randomSubsetsAreSeededAndCappedAtTheSmallerSet() {
        let f = MetricFixture.all[0]
        let real = MetricFixture.features(f.real), fake = MetricFixture.features(f.fake)
        let kid = KernelInceptionDistance(subsets: 20, subsetSize: 1000, seed: 5)
        let a = kid.estimate(real: real, fake: fake), b = kid.estimate(real: real, fake: fake)
        #expect(a == b)
        #expect(a.values.count == 20)
        // Subsets of 250 (the fake set's size) from 300 and 250 vectors: close to the whole-set value.
        #expect(isClose(a.mean, f.kid_whole_sets, relative: 0.05), "\(a.mean) against \(f.kid_whole_sets)")
        let other = KernelInceptionDistance(subsets: 20, subsetSize: 1000, seed: 6).estimate(real: real, fake: fake)
        #expect(other.values != a.values)
    }

    @Test func isNearZeroForTwoSamplesOfTheSameDistribution() {
        let f = MetricFixture.all[0]
        var other = f.real
        other = .init(seed: 9, n: other.n, d: other.d, scale: other.scale, shift: other.shift)
        let kid = KernelInceptionDistance.estimate(real: MetricFixture.features(f.real), fake: MetricFixture.features(other),
                                                   subsets: [(Array(0..<f.real.n), Array(0..<f.real.n))])
        #expect(abs(kid.mean) < 0.05 * f.kid_whole_sets, "\(kid.mean) against \(f.kid_whole_sets) for shifted means")
    }
}
