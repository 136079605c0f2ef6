import Foundation
import GANCore

extension RunConfiguration {
    /// The configuration of the run in `directory`: its `config.json`, which a `TrainingRun` or
    /// a `RunConfigurationWriter` writes and `gankit train --resume`, `sample`, `evaluate` and
    /// `diagnose` read. A folder with checkpoints but no `config.json` holds a run composed in
    /// Swift that the command line cannot rebuild; the error says why (the writer's
    /// `config-missing.txt`, naming the component that cannot describe itself, or that no
    /// writer ran) and how to continue it, instead of a missing-file error.
    public static func load(runDirectory directory: URL, registry: ComponentRegistry = .shared) throws -> RunConfiguration {
        let file = directory.appendingPathComponent("config.json")
        if !FileManager.default.fileExists(atPath: file.path), let checkpoint = Checkpoint.latest(in: directory) {
            let reasonFile = directory.appendingPathComponent(RunConfigurationWriter.reasonFileName)
            let why = (try? String(contentsOf: reasonFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? "no RunConfigurationWriter was among its observers, so the command line does not know its models and components"
            throw ConfigurationError.invalidValue(context: directory.path, reason:
                "has checkpoints (\(checkpoint.lastPathComponent)) but no config.json: the run was composed in Swift and \(why); "
                + "continue or sample it in Swift, rebuilding the pipeline and calling TrainingPipeline.resumeFromLatestCheckpoint(in:) "
                + "(README, \"Resuming in Swift\")")
        }
        return try load(from: file, registry: registry)
    }
}
