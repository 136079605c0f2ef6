import Foundation
import GANCore
import GANIO

/// Writes `config.json` into the folder of a run composed in Swift, as `gankit train` writes it
/// for its own runs (`RunConfiguration(describing:data:iterations:output:)` encoded as
/// `TrainingRun` does), so `gankit sample RUN` and `gankit train --resume RUN` can open the run.
/// Add it to the observers beside the `Checkpointer`:
/// ```swift
/// var data = DataSpec()                      // the section the images come from
/// data.source = "folder"; data.path = "data/emoji"; data.limit = nil
/// let images = try TrainingRun.loadData(data)
/// try pipeline.train(on: images, iterations: 2000, observers: [
///     Checkpointer(run, every: 500), RunConfigurationWriter(run, data: data)])
/// ```
/// The pipeline cannot know which source its images were loaded from, so `data` says it. When
/// training starts it writes the file (replacing one there, so a resume with more iterations
/// records them). When a component cannot describe itself (a regularizer of your own that is not
/// a `DescribableComponent`, a model that is not a `DescribableModel`), it writes no
/// `config.json` (and deletes one there, which would build another run), reports once which
/// component prevents it, and leaves that sentence in `config-missing.txt`, which the commands'
/// error for the folder quotes.
public final class RunConfigurationWriter: TrainingObserver {
    /// The run directory.
    public let directory: URL
    /// The `data` section the training images were loaded from.
    public let data: DataSpec
    /// The `output` section written; its `directory` is replaced by `directory`'s path.
    public let output: OutputSpec
    /// Why the last `trainingWillStart` wrote no `config.json`, or nil when it wrote one.
    public private(set) var notDescribable: NotDescribableError?
    private let report: (String) -> Void

    /// The file holding the reason a run folder has no `config.json`.
    public static let reasonFileName = "config-missing.txt"

    /// - Parameters:
    ///   - directory: the run directory (the `Checkpointer`'s).
    ///   - data: the section the training images were loaded from (`TrainingRun.loadData`).
    ///   - output: the intervals the command line continues the run with (default `OutputSpec()`:
    ///     progress every 10, samples every 250, checkpoints every 500 iterations).
    ///   - report: where the sentence about a component that prevents `config.json` goes
    ///     (default standard output).
    public init(directory: URL, data: DataSpec, output: OutputSpec = OutputSpec(), report: @escaping (String) -> Void = { print($0) }) {
        self.directory = directory
        self.data = data
        self.output = output
        self.report = report
    }

    /// A writer for the run directory at `path`, as `Checkpointer(_:every:)` names it.
    public convenience init(_ path: String, data: DataSpec, output: OutputSpec = OutputSpec()) {
        self.init(directory: URL(fileURLWithPath: path), data: data, output: output)
    }

    /// Writes `config.json` for `pipeline` trained to `totalIterations`, or reports why not.
    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        var output = self.output
        output.directory = directory.path
        let file = directory.appendingPathComponent("config.json")
        let reasonFile = directory.appendingPathComponent(Self.reasonFileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw GANIOError.writeFailed(path: directory.path, reason: PlainError.reason(error))
        }
        do {
            let configuration = try RunConfiguration(describing: pipeline, data: data, iterations: totalIterations, output: output)
            try TrainingRun.writeConfiguration(configuration, to: file)
            try Self.remove(reasonFile)
            notDescribable = nil
        } catch let error as NotDescribableError {
            notDescribable = error
            let sentence = "the command line cannot rebuild this run: \(error)"
            try Self.remove(file)
            do { try Data((sentence + "\n").utf8).write(to: reasonFile, options: .atomic) } catch {
                throw GANIOError.writeFailed(path: reasonFile.path, reason: PlainError.reason(error))
            }
            report("no config.json in \(directory.path): \(sentence)")
        }
    }

    /// Deletes `file` when it exists.
    private static func remove(_ file: URL) throws {
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do { try FileManager.default.removeItem(at: file) } catch {
            throw GANIOError.writeFailed(path: file.path, reason: PlainError.reason(error))
        }
    }
}
