import Foundation
import GANKit

/// One training run of the two-point experiment, with what it went through.
public struct TwoPointRun {
    /// The paper's experiment, 1–4 (`TwoPointRecord.experiment`).
    public var experiment: Int
    public var digGAN: Bool
    /// What the run started from, e.g. "G₁, D₁ + N(0, 0.1)".
    public var startState: String
    public var noiseVariance: Float?
    /// Experiment 4: the D steps that trained D₂ and the |gap| it reached.
    public var optimality: (steps: Int, gap: Float)?
    public var trace: TwoPointTrace
    /// D's logit on `TwoPointGAN.curveGrid` at the start of the run.
    public var startCurve: [Float]
    /// The state at the end of the run.
    public var final: TwoPointGAN
    public var seconds: Double

    public var variant: String { digGAN ? "diggan" : "vanilla" }

    public func coverage(_ setup: TwoPointSetup) -> TwoPointCoverage {
        TwoPointCoverage(generated: final.points, real: setup.realPoints)
    }

    /// The results-file line of this run.
    public func record(seed: UInt64, setup: TwoPointSetup, gitCommit: String, command: String) -> TwoPointRecord {
        let coverage = coverage(setup)
        let gaps = trace.gaps
        return TwoPointRecord(
            experiment: experiment, variant: variant, seed: seed, reading: setup.reading, setup: setup, startState: startState,
            noiseVariance: noiseVariance, optimalitySteps: optimality?.steps, optimalityGap: optimality?.gap,
            startPoints: trace.points.first ?? [], finalPoints: final.points, covered: coverage.covered,
            coversBoth: coverage.coversAll, tolerance: TwoPointCoverage.defaultTolerance,
            maxGap: gaps.max() ?? .nan, finalGap: gaps.last ?? .nan, seconds: seconds, gitCommit: gitCommit, command: command)
    }
}

/// The four experiments of DigGAN's section 3.3 (Fang et al., NeurIPS 2022) from one random
/// start:
///
/// - experiment 1: vanilla GAN from the random start (G₀, D₀), ending at (G₁, D₁);
/// - experiment 3: DigGAN from the same (G₀, D₀);
/// - experiment 2, when run 1 does not cover both points (a trapped state): vanilla GAN from
///   (G₁, D₁ + N(0, v)) for each noise variance v ∈ {0.1, 1, 5, 10}, N added to every parameter
///   of D₁;
/// - experiment 4: "G₂ … the final generator obtained when training the baseline in Experiment 2, which
///   generates two points that overlap": the first of experiment 2 at v = 0.1, at v = 1, or
///   G₁ whose points all lie near one real point; D₂ is its D trained to optimality against
///   the fixed G₂ with eq. 3's objective (`TwoPointTraining.trainDiscriminatorToOptimality`);
///   then vanilla and DigGAN from (G₂, D₂).
///
/// Each run trains `setup.iterations` iterations with fresh optimiser state. Every random
/// draw comes from `seed`, so a seed gives the same runs on every machine that computes the
/// same floating-point results.
public enum TwoPointExperiments {
    /// The noise variances of experiment 2.
    public static let noiseVariances: [Float] = [0.1, 1, 5, 10]

    /// The runs of the four experiments from the start drawn with `seed`, in the order
    /// 1, 3, 2 (four runs), 4 (vanilla, then DigGAN); experiments 2 and 4 only when run 1 is
    /// trapped, and 4 only when a collapsed G₂ exists.
    public static func run(seed: UInt64, setup: TwoPointSetup) throws -> [TwoPointRun] {
        let start = TwoPointGAN(seed: seed, latentBound: setup.latentBound)
        func train(_ experiment: Int, from gan: TwoPointGAN, digGAN: Bool, state: String, noise: Float? = nil,
                   optimality: (Int, Float)? = nil) throws -> TwoPointRun {
            var pairing = RandomSource(seed: seed &+ 0x9A1)
            let startCurve = gan.logits(at: TwoPointGAN.curveGrid)
            let began = Date()
            let trace = try TwoPointTraining.train(gan, setup: setup, digGAN: digGAN, pairing: &pairing)
            return TwoPointRun(experiment: experiment, digGAN: digGAN, startState: state, noiseVariance: noise,
                               optimality: optimality, trace: trace, startCurve: startCurve, final: gan, seconds: Date().timeIntervalSince(began))
        }
        let vanilla = try train(1, from: start.copy(), digGAN: false, state: "G₀, D₀")
        let regularized = try train(3, from: start.copy(), digGAN: true, state: "G₀, D₀")
        var runs = [vanilla, regularized]
        guard !vanilla.coverage(setup).coversAll else { return runs }

        for (k, v) in noiseVariances.enumerated() {
            let gan = vanilla.final.copy()
            var noise = RandomSource(seed: seed &* 0x100 &+ UInt64(k) &+ 0x5EED)
            gan.perturbDiscriminator(variance: v, using: &noise)
            runs.append(try train(2, from: gan, digGAN: false, state: "G₁, D₁ + N(0, \(v))", noise: v))
        }

        let candidates = [(runs[2], "experiment 2 at variance 0.1"), (runs[3], "experiment 2 at variance 1"), (vanilla, "experiment 1")]
        guard let (source, name) = candidates.first(where: { collapsed($0.0.final.points, setup) }) else { return runs }
        let trapped = source.final.copy()
        var pairing = RandomSource(seed: seed &+ 0xD2)
        let optimality = try TwoPointTraining.trainDiscriminatorToOptimality(trapped, setup: setup, pairing: &pairing)
        let state = "G₂, D₂ (G₂ from \(name))"
        runs.append(try train(4, from: trapped.copy(), digGAN: false, state: state, optimality: optimality))
        runs.append(try train(4, from: trapped.copy(), digGAN: true, state: state, optimality: optimality))
        return runs
    }

    /// Whether all generated points lie within the coverage tolerance of one real point: the
    /// paper's trapped state, "two points that overlap at x = 0".
    public static func collapsed(_ points: [Float], _ setup: TwoPointSetup) -> Bool {
        setup.realPoints.contains { r in points.allSatisfy { abs($0 - r) < TwoPointCoverage.defaultTolerance } }
    }
}
