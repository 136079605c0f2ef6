import Foundation
import GANCore
import GANMetrics

/// Runs an experiment's jobs that its results file does not hold yet, appending one record per
/// finished run, so an experiment interrupted in one session continues in the next. A run
/// folder left by an unfinished job is cleared and the job starts afresh.
public struct ExperimentRunner {
    /// The JSON Lines file of records.
    public var results: URL
    /// The command line recorded with each run.
    public var command: String
    /// Progress of each run's training; nil prints a line every `output.progressEvery` iterations.
    public var progress: (() -> ConsoleProgress)?
    /// Set to stop after the current iteration; the unfinished run writes no record.
    public var cancellation: TrainingCancellation?
    /// Hears one line per job started or skipped.
    public var log: (String) -> Void
    /// OpenBLAS's kernel set in this process (`OpenBLASKernels.coreName`), recorded with each
    /// run and compared with the experiment's other records before a run starts.
    public var kernels: String = OpenBLASKernels.coreName

    public init(results: URL, command: String, progress: (() -> ConsoleProgress)? = nil,
                cancellation: TrainingCancellation? = nil, log: @escaping (String) -> Void = { print($0) }) {
        (self.results, self.command, self.progress, self.cancellation, self.log) = (results, command, progress, cancellation, log)
    }

    /// The jobs the results file does not hold. A record for a job whose configuration differs
    /// from the spec's (other than where its run folder was) is an error: the file would mix
    /// settings under one name. So is a pending job whose experiment has records made with
    /// other OpenBLAS kernels than this process's (`kernelsMismatch`).
    public func pending(_ jobs: [ExperimentJob]) throws -> [ExperimentJob] {
        let records = try ExperimentResults.read(results)
        let done = Dictionary(records.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let remaining = try jobs.filter { job in
            guard let record = done[job.key] else { return true }
            try record.checkMatches(job, in: results.path)
            return false
        }
        for experiment in Set(remaining.map(\.experiment)) {
            if let error = kernelsMismatch(experiment, records: records) { throw error }
        }
        return remaining
    }

    /// The error for adding a run of `experiment` with this process's kernels when one of its
    /// records ran with another set, or nil. Rows are compared with each other, and the same
    /// configuration and seed is the same run bit for bit only with the same kernels: the
    /// kernels' different rounding grows into different samples (on the `emoji64` baseline up to
    /// 58 in FID at iteration 1000, docs/experiments.md), so a mixed experiment's differences would
    /// be partly the kernels'. Records without a kernel set (older ones) are not compared.
    func kernelsMismatch(_ experiment: String, records: [ExperimentRecord]) -> ConfigurationError? {
        guard let other = records.first(where: { $0.experiment == experiment && $0.openblasCoretype.map { $0 != kernels } == true }),
              let theirs = other.openblasCoretype else { return nil }
        return .invalidValue(
            context: "\(results.path) (\(other.key))",
            reason: "experiment \(experiment)'s records ran with OpenBLAS's \(theirs) kernels and this process has \(kernels): "
                + "a run with other kernels rounds differently and drifts into another run, so its rows would not be comparable. "
                + "Continue with OPENBLAS_CORETYPE=\(theirs.uppercased()) set (if this CPU has those instructions), "
                + "or record this machine's runs in another results file (--results)")
    }

    /// Runs the pending jobs in order, at most `limit` of them; returns the records written.
    /// Stops early, writing no record for the interrupted run, when `cancellation` is set.
    @discardableResult
    public func run(_ jobs: [ExperimentJob], limit: Int? = nil) throws -> [ExperimentRecord] {
        let remaining = try pending(jobs)
        let todo = Array(remaining.prefix(limit ?? remaining.count))
        log("experiment: \(jobs.count - remaining.count) of \(jobs.count) runs already in \(results.path); running \(todo.count) of the \(remaining.count) left")
        var written: [ExperimentRecord] = []
        for (i, job) in todo.enumerated() {
            log("experiment: [\(i + 1)/\(todo.count)] \(job.key) → \(job.configuration.output.directory)")
            guard let record = try run(job) else {
                log("experiment: stopped during \(job.key); no record written")
                break
            }
            try ExperimentResults.append(record, to: results)
            let best = record.best
            log("experiment: \(job.key) FID \(Self.format(record.final.fid)) (best \(Self.format(best.fid)) at \(best.iteration)), " +
                "KID \(record.final.kid.map(Self.format) ?? "–"), \(Int(record.wallSeconds)) s; recorded in \(results.path)")
            written.append(record)
        }
        return written
    }

    /// Trains one job into its run folder (clearing what is there) and returns its record, or
    /// nil if training was cancelled.
    public func run(_ job: ExperimentJob) throws -> ExperimentRecord? {
        let directory = URL(fileURLWithPath: job.configuration.output.directory)
        try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = try RunFolder.claim(directory, existing: .overwrite)
        let revision = GitRevision.current()
        let started = Date()
        let run = try TrainingRun(job.configuration)
        try run.train(progress: progress?(), lock: lock, cancellation: cancellation)
        if cancellation?.isCancelled == true { return nil }
        let wall = Date().timeIntervalSince(started)

        let statistics = try StatsLog.read(directory.appendingPathComponent("stats.jsonl"))
        let (final, best, curve) = try ExperimentRecord.evaluations(statistics, source: directory.path)
        if let grid = job.grid { try copyGrid(from: directory, to: URL(fileURLWithPath: grid)) }
        return ExperimentRecord(
            experiment: job.experiment, row: job.row, seed: job.seed, command: command, config: job.configuration,
            gitCommit: revision?.commit, gitDirty: revision?.dirty, startedAt: ISO8601DateFormatter().string(from: started),
            wallSeconds: (wall * 1000).rounded() / 1000, trainingSeconds: (statistics.map(\.seconds).reduce(0, +) * 1000).rounded() / 1000,
            iterations: statistics.last?.iteration ?? 0, cpus: ProcessInfo.processInfo.activeProcessorCount,
            openblasCoretype: OpenBLASKernels.coreName, final: final, best: best, curve: curve, grid: job.grid,
            logitGap: ExperimentRecord.logitGap(statistics),
            diagnostics: job.configuration.diagnostics == nil ? nil : try DiagnosticsWriter.read(directory.appendingPathComponent("diagnostics.jsonl")))
    }

    /// Copies the run's `samples/latest.png` to `destination`, replacing any file there.
    func copyGrid(from run: URL, to destination: URL) throws {
        let source = run.appendingPathComponent("samples/latest.png")
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
        try FileManager.default.copyItem(at: source, to: destination)
    }

    /// A score with four significant digits.
    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
