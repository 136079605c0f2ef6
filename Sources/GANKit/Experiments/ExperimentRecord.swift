import Foundation
import GANCore
import GANMetrics

/// One finished run of an experiment, as one JSON line of a results file: what ran (the
/// resolved configuration, the command, the git commit), how long it took, and the scores of
/// its evaluations (`stats.jsonl`'s `fid`, `kid`, … metrics).
public struct ExperimentRecord: Codable, Equatable {
    public var experiment: String
    public var row: String
    public var seed: UInt64
    /// The command line that produced the record.
    public var command: String
    /// The configuration the run trained with (`gankit train --config` of it repeats the run).
    public var config: RunConfiguration
    /// `git rev-parse HEAD` of the working directory, or nil outside a repository.
    public var gitCommit: String?
    /// Whether tracked files differed from that commit, or nil outside a repository.
    public var gitDirty: Bool?
    /// When training started (ISO 8601, UTC).
    public var startedAt: String
    /// Wall time of the whole run: training, evaluations, samples and checkpoints.
    public var wallSeconds: Double
    /// The sum of the iterations' own times (training steps only, without evaluations).
    public var trainingSeconds: Double
    /// Generator steps trained.
    public var iterations: Int
    /// Logical CPUs of the machine and the OpenBLAS kernel set the run used
    /// (`OpenBLASKernels.coreName`; older records: `OPENBLAS_CORETYPE` if set), since wall time
    /// depends on them.
    public var cpus: Int
    public var openblasCoretype: String?
    /// The scores of the last evaluation.
    public var final: ExperimentScores
    /// The evaluation of the lowest FID (the run's `checkpoints/fid-best`).
    public var best: ExperimentScores
    /// Every evaluation's FID and KID, by iteration.
    public var curve: [ExperimentCurvePoint]
    /// The run's last sample grid (EMA generator), copied here, relative to the working directory; or nil.
    public var grid: String?
    /// Whether D still separates reals from fakes late in the run: the mean over the second half
    /// of the iterations of D's mean logit on the reals minus that on the fakes (`stats.jsonl`'s
    /// `realLogitMean − fakeLogitMean`, last D step of each iteration). Near 0 means D sits at
    /// chance. Nil in records written before the field existed.
    public var logitGap: Double?
    /// The run's training diagnostics (`diagnostics.jsonl`: perceptual narrowing, Fisher trace,
    /// D on training and held-out reals, …; `docs/diagnostics.md`) when its configuration has a
    /// `diagnostics` section; nil otherwise.
    public var diagnostics: [DiagnosticsRecord]?

    public var key: ExperimentKey { ExperimentKey(experiment: experiment, row: row, seed: seed) }

    /// Checks that the record is a run of `job` as its spec resolves today: the same configuration
    /// apart from where its run folder was. A record of the same key with other settings is an
    /// error naming `results` and the key, so neither the runner nor the report mixes settings
    /// under one name.
    public func checkMatches(_ job: ExperimentJob, in results: String) throws {
        var recorded = config, wanted = job.configuration
        (recorded.output.directory, wanted.output.directory) = ("", "")
        guard recorded == wanted else {
            throw ConfigurationError.invalidValue(context: "\(results): \(job.key)", reason:
                "the recorded run's configuration differs from the spec's now; give the changed experiment a new name, or remove the record to redo it")
        }
    }
}

/// The scores of one evaluation.
public struct ExperimentScores: Codable, Equatable, Sendable {
    public var iteration: Int
    public var fid: Double
    public var kid: Double?
    public var kidStd: Double?
    public var precision: Double?
    public var recall: Double?
    public var density: Double?
    public var coverage: Double?

    public init(iteration: Int, fid: Double, kid: Double? = nil, kidStd: Double? = nil, precision: Double? = nil,
                recall: Double? = nil, density: Double? = nil, coverage: Double? = nil) {
        (self.iteration, self.fid, self.kid, self.kidStd) = (iteration, fid, kid, kidStd)
        (self.precision, self.recall, self.density, self.coverage) = (precision, recall, density, coverage)
    }

    /// The scores in one iteration's statistics, or nil if it has no FID.
    public init?(_ statistics: StepStatistics) {
        guard let fid = statistics.metrics["fid"] else { return nil }
        let m = statistics.metrics
        self.init(iteration: statistics.iteration, fid: fid, kid: m["kid"], kidStd: m["kid.std"], precision: m["prdc.precision"],
                  recall: m["prdc.recall"], density: m["prdc.density"], coverage: m["prdc.coverage"])
    }
}

/// FID and KID at one evaluation.
public struct ExperimentCurvePoint: Codable, Equatable, Sendable {
    public var iteration: Int
    public var fid: Double
    public var kid: Double?

    public init(iteration: Int, fid: Double, kid: Double? = nil) {
        (self.iteration, self.fid, self.kid) = (iteration, fid, kid)
    }
}

extension ExperimentRecord {
    /// The evaluations of a run's statistics: the last, the best (lowest finite FID; the
    /// earliest of ties) and the curve. Throws if the statistics hold no evaluation.
    public static func evaluations(_ statistics: [StepStatistics], source: String) throws
        -> (final: ExperimentScores, best: ExperimentScores, curve: [ExperimentCurvePoint]) {
        let scores = statistics.compactMap(ExperimentScores.init)
        guard let final = scores.last else {
            throw ConfigurationError.invalidValue(context: source, reason: "the run's statistics hold no evaluation (no \"fid\" metric)")
        }
        let finite = scores.filter(\.fid.isFinite)
        let best = finite.min { $0.fid < $1.fid } ?? final
        return (final, best, scores.map { ExperimentCurvePoint(iteration: $0.iteration, fid: $0.fid, kid: $0.kid) })
    }

    /// The mean of `realLogitMean − fakeLogitMean` over the iterations after the middle one
    /// (`logitGap`), or nil without statistics.
    public static func logitGap(_ statistics: [StepStatistics]) -> Double? {
        guard let last = statistics.last?.iteration else { return nil }
        let lateHalf = statistics.filter { $0.iteration > last / 2 }
        guard !lateHalf.isEmpty else { return nil }
        return lateHalf.map { $0.realLogitMean - $0.fakeLogitMean }.reduce(0, +) / Double(lateHalf.count)
    }
}
