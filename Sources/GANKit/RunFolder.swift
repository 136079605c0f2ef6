import Foundation
import GANIO

/// Taking a run folder for a training run: its lock (`RunLock`), then a check that a new run
/// does not mix its files into an old one's.
public enum RunFolder {
    /// What to do when the folder already holds a run.
    public enum ExistingRun: Sendable {
        /// Throw `RunFolderError.occupied` (a new run goes to a fresh or empty folder).
        case refuse
        /// Keep the files: the run continues from its checkpoints.
        case resume
        /// Delete the run's files (`runFiles`) first; other files in the folder stay.
        case overwrite
    }

    /// The files whose presence means the folder holds a run.
    public static let markers = ["config.json", "stats.jsonl", Checkpoint.folderName]

    /// Everything a `TrainingRun` writes into its folder, which `overwrite` deletes.
    public static let runFiles = markers + ["samples", "losses.svg", "metrics.svg", "diagnostics.jsonl", "diagnostics.svg", "diagnostics",
                                            RunConfigurationWriter.reasonFileName]

    /// The markers present in `directory`, in the order of `markers`.
    public static func existingRun(in directory: URL) -> [String] {
        markers.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    /// Locks `directory` (creating it), then applies `existing` while holding the lock; the
    /// caller keeps the returned lock for the run's whole life.
    public static func claim(_ directory: URL, existing: ExistingRun) throws -> RunLock {
        let lock = try RunLock(directory: directory)
        let found = existingRun(in: directory)
        guard !found.isEmpty else { return lock }
        switch existing {
        case .resume:
            break
        case .refuse:
            throw RunFolderError.occupied(folder: directory.path, found: found)
        case .overwrite:
            for name in runFiles {
                let url = directory.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                do { try FileManager.default.removeItem(at: url) } catch {
                    throw RunFolderError.cannotClear(path: url.path, reason: error.localizedDescription)
                }
            }
        }
        return lock
    }
}

/// A run folder that cannot be used as asked, naming the folder and what is in the way.
public enum RunFolderError: Error, Equatable, CustomStringConvertible {
    /// The folder already holds a run (`found` lists its marker files).
    case occupied(folder: String, found: [String])
    /// A file of the old run could not be deleted for `overwrite`.
    case cannotClear(path: String, reason: String)

    public var description: String {
        switch self {
        case .occupied(let folder, let found):
            return "run folder \(folder) already holds a run (\(found.joined(separator: ", "))); "
                + "continue it with --resume \(folder), replace it with --overwrite, or choose another --output"
        case .cannotClear(let path, let reason):
            return "cannot delete \(path) of the old run for --overwrite: \(reason)"
        }
    }
}
