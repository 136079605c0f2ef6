import ExampleSupport
import Foundation
import GANKit
import Testing

/// DigGAN's two-point experiment: the coverage criterion, determinism for a seed, the noise of
/// experiment 2, D₂'s optimality training and the figures.
@Suite struct TwoPointTests {
    /// A short setting: the paper's networks and optimiser, few iterations.
    static func shortSetup() -> TwoPointSetup {
        var setup = TwoPointSetup()
        setup.iterations = 40
        setup.recordEvery = 10
        setup.optimalityStepLimit = 200
        return setup
    }

    @Test func bothPointsAreCoveredOnlyWhenEachRealPointHasItsOwnGeneratedPoint() {
        let real: [Float] = [0, 4]
        #expect(TwoPointCoverage(generated: [0.2, 3.7], real: real).coversAll)
        #expect(TwoPointCoverage(generated: [3.9, -0.4], real: real).coversAll)
        let collapsed = TwoPointCoverage(generated: [0.1, -0.1], real: real)
        #expect(!collapsed.coversAll && collapsed.covered == [true, false] && collapsed.describe(real: real) == "only 0")
        let far = TwoPointCoverage(generated: [0, 4.5], real: real)
        #expect(!far.coversAll && far.covered == [true, false])       // 0.5 away is not within the tolerance
        #expect(TwoPointCoverage(generated: [2, 2], real: real).describe(real: real) == "neither")
        // With a tolerance wider than half the gap one point is near both real points, but
        // cannot cover both.
        let wide = TwoPointCoverage(generated: [2, 9], real: real, tolerance: 2.5)
        #expect(wide.covered == [true, true] && !wide.coversAll)
    }

    @Test func collapsedMeansEveryGeneratedPointNearOneRealPoint() {
        let setup = TwoPointSetup()
        #expect(TwoPointExperiments.collapsed([0.1, -0.2], setup))
        #expect(TwoPointExperiments.collapsed([3.8, 4.1], setup))
        #expect(!TwoPointExperiments.collapsed([0.1, 4], setup))
        #expect(!TwoPointExperiments.collapsed([1, 1], setup))
    }

    @Test func aSeedGivesTheSameRunsAndRecords() throws {
        let setup = Self.shortSetup()
        let first = try TwoPointExperiments.run(seed: 3, setup: setup)
        let second = try TwoPointExperiments.run(seed: 3, setup: setup)
        func records(_ runs: [TwoPointRun]) -> [TwoPointRecord] {
            runs.map { var r = $0.record(seed: 3, setup: setup, gitCommit: "c", command: "x"); r.seconds = 0; return r }
        }
        #expect(records(first) == records(second))
        #expect(first.map(\.trace.gaps) == second.map(\.trace.gaps))
        #expect(first.map(\.experiment).prefix(2) == [1, 3])
        // Experiment 3 starts where experiment 1 does.
        #expect(first[0].trace.points[0] == first[1].trace.points[0] && first[0].startCurve == first[1].startCurve)
        #expect(first[0].trace.iterations == [0, 10, 20, 30, 40])
        let other = try TwoPointExperiments.run(seed: 4, setup: setup)
        #expect(other[0].trace.points[0] != first[0].trace.points[0])
    }

    @Test func aRecordIsOneJSONLineThatReadsBack() throws {
        let setup = Self.shortSetup()
        let run = try TwoPointExperiments.run(seed: 1, setup: setup)[0]
        let record = run.record(seed: 1, setup: setup, gitCommit: "abc", command: "swift run")
        let line = try JSONEncoder().encode(record)
        #expect(!line.contains(UInt8(ascii: "\n")))
        #expect(try JSONDecoder().decode(TwoPointRecord.self, from: line) == record)
        #expect(record.reading == "adam-1:1" && record.finalPoints == run.final.points && record.startPoints.count == 2)
    }

    @Test func noiseOfExperimentTwoHasTheGivenVarianceAndLeavesTheOriginalAlone() {
        let gan = TwoPointGAN(seed: 2, latentBound: 5)
        let before = gan.discriminator.parameters().flatMap(\.value.scalars)
        let copy = gan.copy()
        var random = RandomSource(seed: 9)
        copy.perturbDiscriminator(variance: 5, using: &random)
        let after = copy.discriminator.parameters().flatMap(\.value.scalars)
        #expect(gan.discriminator.parameters().flatMap(\.value.scalars) == before)
        #expect(copy.points == gan.points)
        let differences = zip(after, before).map { Double($0 - $1) }
        let variance = differences.map { $0 * $0 }.reduce(0, +) / Double(differences.count)
        // 251 parameters: the sample variance's standard deviation is 5·√(2/251) ≈ 0.45.
        #expect(differences.count == 251 && abs(variance - 5) < 1.5)
    }

    @Test func trainingDTowardsOptimalityAgainstAFixedGShrinksTheGradientGapAndLeavesGAlone() throws {
        var setup = Self.shortSetup()
        setup.optimalityStepLimit = 300
        let gan = TwoPointGAN(seed: 5, latentBound: 5)
        let points = gan.points
        let norms = try gan.gradientNorms(real: setup.realPoints)
        var pairing = RandomSource(seed: 1)
        let (steps, gap) = try TwoPointTraining.trainDiscriminatorToOptimality(gan, setup: setup, pairing: &pairing)
        #expect(gan.points == points)
        #expect(steps <= 300 && gap.isFinite && gap >= 0)
        let after = try gan.gradientNorms(real: setup.realPoints)
        #expect(abs(after.real - after.fake) == gap && norms.real.isFinite)
    }

    @Test func theFiguresHaveThePapersPanels() throws {
        let setup = Self.shortSetup()
        let runs = try TwoPointExperiments.run(seed: 0, setup: setup)
        let figure3 = TwoPointFigures.figure3(seed: 0, vanilla: runs[0], digGAN: runs[1], setup: setup)
        for title in ["(a) Vanilla GAN (exp. 1): after training", "(b) DigGAN (exp. 3): generated points",
                      "(c) Vanilla GAN (exp. 1): gradient gap R", "iteration", "real points", "generated points", "R (eq. 2)"] {
            #expect(figure3.contains(title), "Fig. 3 lacks \(title)")
        }
        let records = runs.map { $0.record(seed: 0, setup: setup, gitCommit: "c", command: "x") }
        let final = TwoPointFigures.finalPoints(records, setup: setup)
        #expect(final.contains("start (seed)") && final.contains("of 1</text>"))
    }
}
