import ArgumentParser
import Foundation
import GANKit

/// `gankit report RESULTS --output docs/experiments.md`: the experiments report from a results
/// file, with an SVG of FID curves per experiment beside the results.
struct Report: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = GANKitCLI.commandName
        return CommandConfiguration(
            abstract: "Write the Markdown report of an experiments results file.",
            discussion: """
            Example:
              \(name) report docs/results/experiments.jsonl --spec Examples/experiments/sneakers32.json \\
                --preamble docs/results/preamble.md --output docs/experiments.md
            Each experiment's FID curves go to FIGURES/EXPERIMENT-fid.svg (FIGURES defaults to the
            results file's folder). With --spec, the report keeps the spec's row order and lists the
            runs not done yet.
            """)
    }

    @Argument(help: "The results file (JSON Lines of experiment records).") var results: String
    @Option(help: "The Markdown file to write.") var output = "docs/experiments.md"
    @Option(help: "An experiment spec whose rows, descriptions and pending runs to include (repeatable).") var spec: [String] = []
    @Option(help: "A Markdown file put after the title.") var preamble: String?
    @Option(help: "The folder of the curve SVGs (default: the results file's folder).") var figures: String?

    func run() throws {
        let records = try ExperimentResults.read(URL(fileURLWithPath: results))
        let specs = try spec.flatMap { try ExperimentSpec.load(from: URL(fileURLWithPath: $0)).experiments() }
        let preambleText = try preamble.map { try TextFile.read($0) }
        let command = ([GANKitCLI.commandName] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let report = ExperimentReport(records: records, resultsPath: results, specs: specs, preamble: preambleText, command: command)
        let figureFolder = figures ?? URL(fileURLWithPath: results).deletingLastPathComponent().relativePath
        var curves: [String: String] = [:]
        for experiment in report.experiments where !report.summary(experiment).rows.isEmpty {
            let path = "\(figureFolder)/\(experiment)-fid.svg"
            try TextFile.write(ExperimentCurves.svg(report.summary(experiment)), to: path)
            curves[experiment] = path
        }
        let outputFolder = URL(fileURLWithPath: output).deletingLastPathComponent().relativePath
        try TextFile.write(report.markdown(outputDirectory: outputFolder, curves: curves), to: output)
        print("wrote \(output) (\(records.count) records) and \(curves.count) curve figure\(curves.count == 1 ? "" : "s") in \(figureFolder)")
    }
}
