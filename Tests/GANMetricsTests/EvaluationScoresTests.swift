import Foundation
import GANCore
import GANMetrics
import Testing

/// All scores at once, and their JSON keys.
@Suite struct EvaluationScoresTests {
    @Test func combinesTheMetricsAndEncodesTheDocumentedKeys() throws {
        let f = MetricFixture.all[0]
        let real = MetricFixture.features(f.real), fake = MetricFixture.features(f.fake)
        let scores = try EvaluationScores(real: real, fake: fake, kid: KernelInceptionDistance(subsets: 10, subsetSize: 100), k: f.k)
        #expect(isClose(scores.fid, f.fid_eigh, relative: 1e-9))
        #expect(isClose(scores.kid, f.kid_whole_sets, relative: 0.2))
        #expect(scores.precision == f.precision && scores.recall == f.recall)
        #expect(isClose(scores.density, f.density, relative: 1e-12) && isClose(scores.coverage, f.coverage, relative: 1e-12))
        #expect(scores.realCount == 300 && scores.fakeCount == 250)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(scores)) as? [String: Any]
        #expect(Set(json?.keys.map { $0 } ?? []) == ["fid", "kid", "kid_std", "precision", "recall", "density", "coverage", "num_real", "num_fake"])
    }
}
