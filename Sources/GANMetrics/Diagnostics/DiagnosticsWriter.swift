import Foundation
import GANCore
import GANIO

/// The observer that measures `TrainingDiagnostics` during training and writes, in the run
/// directory:
///
/// - `diagnostics.jsonl`: one `DiagnosticsRecord` per measurement (iteration 0 before training,
///   every `every` iterations, at each heat-map iteration and at the end);
/// - `diagnostics.svg`: the charts (`DiagnosticsChart`), redrawn after each measurement;
/// - `diagnostics/gradient-iter-000400.png`: the |∇ₓD| maps and their regions
///   (`GradientHeatMap`) at the iterations in `heatMapsAt`.
///
/// On a resumed run the records after the checkpoint's iteration are dropped first. Files are
/// written to a temporary name and renamed.
public final class DiagnosticsWriter: TrainingObserver {
    /// The folder the files go to.
    public let directory: URL
    public let diagnostics: TrainingDiagnostics
    /// Iterations between measurements.
    public let every: Int
    /// Iterations at which heat maps are drawn.
    public let heatMapsAt: Set<Int>
    /// The measurements so far, by iteration.
    public private(set) var records: [DiagnosticsRecord] = []

    public var recordsFile: URL { directory.appendingPathComponent("diagnostics.jsonl") }
    public var chartFile: URL { directory.appendingPathComponent("diagnostics.svg") }
    public var heatMapDirectory: URL { directory.appendingPathComponent("diagnostics") }

    public init(directory: URL, diagnostics: TrainingDiagnostics, every: Int, heatMapsAt: Set<Int> = []) {
        precondition(every >= 1, "DiagnosticsWriter: every must be ≥ 1, got \(every)")
        self.directory = directory
        self.diagnostics = diagnostics
        self.every = every
        self.heatMapsAt = heatMapsAt
    }

    /// `gradient-iter-000400.png` for iteration 400.
    public static func heatMapName(iteration: Int) -> String { "gradient-" + Checkpoint.directoryName(iteration: iteration) + ".png" }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        records = try Self.read(recordsFile).filter { $0.iteration <= pipeline.iteration }
        if records.last?.iteration != pipeline.iteration { try measure(pipeline) }
    }

    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {
        if statistics.iteration % every == 0 || heatMapsAt.contains(statistics.iteration) { try measure(pipeline) }
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {
        if records.last?.iteration != pipeline.iteration { try measure(pipeline) }
    }

    /// Measures the pipeline's networks now and writes the results.
    public func measure(_ pipeline: TrainingPipeline) throws {
        let (record, magnitudes) = try diagnostics.measure(pipeline)
        try add(record, magnitudes: magnitudes, heatMap: heatMapsAt.contains(record.iteration))
    }

    /// Adds a measurement (replacing one of the same iteration), rewrites the records and the
    /// chart, and draws the heat map of `magnitudes` when `heatMap` is true.
    public func add(_ record: DiagnosticsRecord, magnitudes: Tensor, heatMap: Bool) throws {
        records.removeAll { $0.iteration == record.iteration }
        records.append(record)
        records.sort { $0.iteration < $1.iteration }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let lines = try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }
        try TextFile.write(lines.joined(), to: recordsFile.path)
        try TextFile.write(DiagnosticsChart.svg(records), to: chartFile.path)
        if heatMap {
            try AtomicFile.createDirectory(heatMapDirectory)
            let file = heatMapDirectory.appendingPathComponent(Self.heatMapName(iteration: record.iteration))
            try PNGImage(tensor: GradientHeatMap.grid(magnitudes, narrowing: diagnostics.narrowing)).write(toFile: file.path)
        }
    }

    /// The records of a diagnostics.jsonl file (empty if it does not exist); a malformed line
    /// is an error naming the file and line.
    public static func read(_ file: URL) throws -> [DiagnosticsRecord] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try TextFile.read(file.path).split(separator: "\n").enumerated().map { number, line in
            do {
                return try decoder.decode(DiagnosticsRecord.self, from: Data(line.utf8))
            } catch {
                throw GANCoreError.incompatibleData(
                    "\(file.path), line \(number + 1): not a diagnostics record (\(ConfigurationDecoding.describe(error, decoding: Data(line.utf8))))")
            }
        }
    }
}
