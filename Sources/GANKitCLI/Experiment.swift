import ArgumentParser
import Foundation
import GANKit

/// `gankit experiment SPEC.json`: trains each (row, seed) of an experiment that the results
/// file does not hold yet and appends one record per finished run (`docs/experiments.md`).
struct Experiment: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = GANKitCLI.commandName
        return CommandConfiguration(
            abstract: "Run an experiment: every row of a spec at every seed, one results record per run.",
            discussion: """
            Examples:
              \(name) experiment Examples/experiments/sneakers32.json --dry-run
              \(name) experiment Examples/experiments/sneakers32.json --only baseline --only ms3d --seeds 1,2
              \(name) report docs/results/experiments.jsonl --spec Examples/experiments/sneakers32.json --output docs/experiments.md
            Runs already in the results file are skipped, so rerunning continues an experiment; a
            record whose configuration no longer matches the spec is an error, and so is a run with
            other OpenBLAS kernels than its experiment's records (set OPENBLAS_CORETYPE to theirs).
            Run folders go to the spec's "runs" folder (default runs/experiments/NAME). SIGINT,
            SIGTERM or SIGHUP stop after the current iteration without a record for that run.
            """)
    }

    @Argument(help: "The experiment spec (JSON).") var spec: String
    @Option(help: "The results file (JSON Lines) to skip finished runs by and append to.") var results = "docs/results/experiments.jsonl"
    @Option(help: "Run only this row (repeatable).") var only: [String] = []
    @Option(help: "Seeds to run instead of the spec's, comma-separated (e.g. 1,2).") var seeds: String?
    @Option(name: .customLong("max-runs"), help: "Run at most this many of the runs left, then exit (so a script can commit after each).") var maxRuns: Int?
    @Flag(name: .customLong("dry-run"), help: "List the runs with their status and resolved configurations, and exit.") var dryRun = false

    /// `--max-runs` and `--seeds`, before the spec is read.
    func validate() throws {
        if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be ≥ 1, got \(maxRuns)") }
        _ = try parsedSeeds()
    }

    func run() throws {
        let experiments = try ExperimentSpec.load(from: URL(fileURLWithPath: spec)).experiments()
        let selectedSeeds = try parsedSeeds()
        let jobs = try experiments.flatMap { try $0.jobs(rows: only.isEmpty ? nil : only, seeds: selectedSeeds) }
        // Every run's configuration is validated and its components built as training does, so an
        // unknown kind or a bad option in any row fails before the first run trains (and in --dry-run).
        for job in jobs {
            do {
                try job.configuration.validate()
                try TrainingRun.checkComponents(of: job.configuration)
            } catch let error as ConfigurationError {
                throw ConfigurationError.invalidValue(context: "experiment \(job.experiment), row \(job.row), seed \(job.seed)", reason: error.description)
            }
        }
        let signals = StopSignals()
        let runner = ExperimentRunner(results: URL(fileURLWithPath: results), command: ([GANKitCLI.commandName] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                      cancellation: signals.cancellation)
        if dryRun {
            signals.stop()
            let pending = try runner.pending(jobs)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for job in jobs {
                let status = pending.contains(job) ? "to run" : "done"
                print("\(job.key): \(status) → \(job.configuration.output.directory)")
                print("  " + String(decoding: try encoder.encode(job.configuration), as: UTF8.self))
            }
            return
        }
        try runner.run(jobs, limit: maxRuns)
        signals.stop()
        if let status = signals.exitStatus, let name = signals.receivedName {
            print("stopped by \(name); rerun the same command to continue")
            throw ExitCode(status)
        }
    }

    /// `--seeds` as numbers; errors name the flag.
    func parsedSeeds() throws -> [UInt64]? {
        guard let seeds else { return nil }
        let parts = seeds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { UInt64($0) }
        guard !parts.isEmpty, values.count == parts.count else { throw ValidationError("--seeds must be whole numbers separated by commas, got '\(seeds)'") }
        return values
    }
}
