import Foundation
import GANCore

extension RunConfiguration {
    /// The configuration of the run in `directory`: its `config.json`, which a `TrainingRun`
    /// writes and `gankit train --resume`, `sample`, `evaluate` and `diagnose` read. A folder
    /// with checkpoints but no `config.json` holds a run composed in Swift, whose models and
    /// components the command line cannot rebuild; the error says so and how to continue it,
    /// instead of a missing-file error.
    public static func load(runDirectory directory: URL, registry: ComponentRegistry = .shared) throws -> RunConfiguration {
        let file = directory.appendingPathComponent("config.json")
        if !FileManager.default.fileExists(atPath: file.path), let checkpoint = Checkpoint.latest(in: directory) {
            throw ConfigurationError.invalidValue(context: directory.path, reason:
                "has checkpoints (\(checkpoint.lastPathComponent)) but no config.json: the run was composed in Swift, so the command line "
                + "does not know its models and components; continue or sample it in Swift, rebuilding the pipeline and calling "
                + "TrainingPipeline.resumeFromLatestCheckpoint(in:) (README, \"Resuming in Swift\")")
        }
        return try load(from: file, registry: registry)
    }
}
