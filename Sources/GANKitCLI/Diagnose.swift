import ArgumentParser
import Foundation
import GANKit

/// `gankit diagnose`: the MS3D paper's training diagnostics over a finished run's checkpoints.
struct Diagnose: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = GANKitCLI.commandName
        return CommandConfiguration(
            abstract: "Measure the training diagnostics (docs/diagnostics.md) at each of a run's checkpoints.",
            discussion: """
            Writes diagnostics.jsonl, diagnostics.svg and one heat map per checkpoint
            (diagnostics/gradient-iter-NNNNNN.png) to the output folder. The settings are the run's
            "diagnostics" section, or the defaults when it has none (then nothing is held out, so
            D's output on held-out reals is not measured). A run keeps its last three checkpoints.
            Example: \(name) diagnose runs/demo
            """)
    }

    @Argument(help: "The run directory (holds config.json and checkpoints/).") var runDirectory: String
    @Option(help: "Where to write; default: <run>/diagnose.") var output: String?

    func run() throws {
        let directory = URL(fileURLWithPath: runDirectory)
        let config = try RunConfiguration.load(runDirectory: directory)
        let checkpoints = Checkpoint.complete(in: directory)
        guard !checkpoints.isEmpty else {
            throw ValidationError("no checkpoint in \(directory.appendingPathComponent(Checkpoint.folderName).path)")
        }
        let training = try TrainingRun(config)
        let spec = config.diagnostics ?? DiagnosticsSpec()
        let writer = DiagnosticsWriter(directory: output.map(URL.init(fileURLWithPath:)) ?? directory.appendingPathComponent("diagnose"),
                                       diagnostics: training.diagnostics(spec), every: spec.every)
        for (iteration, url) in checkpoints {
            try training.pipeline.restore(try Checkpoint.load(from: url))
            let (record, magnitudes) = try writer.diagnostics.measure(training.pipeline)
            try writer.add(record, magnitudes: magnitudes, heatMap: true)
            print(String(format: "iteration %d: regions/pixels %.4f, MS3D %.4f, gap %.3e, tr F %.3e, cosine %.4f, D(train) %+.3f%@",
                         iteration, record.connectedRegionRatio, record.ms3d, record.gradientGap, record.fisherTrace,
                         record.featureCosineSimilarity, record.trainingRealOutput,
                         record.heldOutRealOutput.map { String(format: ", D(held-out) %+.3f", $0) } ?? ""))
        }
        print("wrote \(writer.recordsFile.path), \(writer.chartFile.path) and \(writer.heatMapDirectory.path)/")
    }
}
