import Foundation

/// Writes one JSON object per iteration to `<directory>/stats.jsonl`.
///
/// When a run resumes from a checkpoint, lines after the checkpoint's iteration are dropped
/// first, so the log reads as if the run had never been interrupted.
public final class StatsLog: TrainingObserver {
    /// The log file.
    public let file: URL
    private var handle: FileHandle?
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    public init(directory: URL) {
        file = directory.appendingPathComponent("stats.jsonl")
    }

    public convenience init(_ directory: String) { self.init(directory: URL(fileURLWithPath: directory)) }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let kept = try Self.read(file).filter { $0.iteration <= pipeline.iteration }
        var text = Data()
        for s in kept { text.append(try encoder.encode(s)); text.append(0x0A) }
        try text.write(to: file, options: .atomic)
        handle = try FileHandle(forWritingTo: file)
        try handle?.seekToEnd()
    }

    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {
        var line = try encoder.encode(statistics)
        line.append(0x0A)
        try handle?.write(contentsOf: line)
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {
        try handle?.close()
        handle = nil
    }

    /// The statistics in a stats.jsonl file (empty if it does not exist); a malformed line is an
    /// error naming the file and line.
    public static func read(_ file: URL) throws -> [StepStatistics] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").enumerated().map { number, line in
            do {
                return try decoder.decode(StepStatistics.self, from: Data(line.utf8))
            } catch {
                throw GANCoreError.incompatibleData("\(file.path), line \(number + 1): not a stats record (\(error))")
            }
        }
    }
}
