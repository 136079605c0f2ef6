import Foundation
import GANMetrics

/// The report's table of the MS3D paper's training diagnostics, for the rows of an experiment
/// whose runs measured them (a spec with a `diagnostics` section): at each measured iteration,
/// perceptual narrowing, the Fisher trace of D, D's output on training minus held-out reals,
/// D(x) − D(G(z)) and MS3D's Σ SD_k of ∇ₓD, as means over seeds with each seed's value.
/// Formulas and sources: `docs/diagnostics.md`.
enum ExperimentDiagnosticsTable {
    /// One column: its header and how it reads a measurement (nil when the run lacks it).
    struct Column: Sendable {
        var header: String
        var value: @Sendable (DiagnosticsRecord) -> Double?
    }

    static let columns: [Column] = [
        Column(header: "narrowing (connected-region ratio)") { $0.connectedRegionRatio },
        Column(header: "Fisher trace") { $0.fisherTrace },
        Column(header: "D(x train) − D(x held out)") { r in r.heldOutRealOutput.map { r.trainingRealOutput - $0 } },
        Column(header: "D(x) − D(G(z))") { $0.outputGap },
        Column(header: "MS3D Σ SD_k of ∇ₓD") { $0.ms3d },
    ]

    /// The section, or "" when no run of the experiment measured diagnostics.
    static func markdown(_ summary: ExperimentSummary) -> String {
        let rows = summary.rows.filter { row in row.records.contains { !($0.diagnostics ?? []).isEmpty } }
        guard !rows.isEmpty else { return "" }
        var out = "\n### Training diagnostics\n\n"
        out += "The MS3D paper's diagnostics on fixed batches (`docs/diagnostics.md`), at each measured iteration: means over seeds, "
        out += "each seed's value in parentheses. D(x train) − D(x held out) is D's mean logit on training reals minus that on "
        out += "reals held out of training (the paper's overfitting signal); D(x) − D(G(z)) near 0 means D is at chance.\n\n"
        out += "| row | iteration |" + columns.map { " \($0.header) |" }.joined() + "\n"
        out += "|---|---|" + columns.map { _ in "---|" }.joined() + "\n"
        for row in rows {
            let runs = row.records.compactMap(\.diagnostics)
            let iterations = Set(runs.flatMap { $0.map(\.iteration) }).sorted()
            for iteration in iterations {
                let measured = runs.compactMap { run in run.first { $0.iteration == iteration } }
                out += "| \(row.name) | \(iteration) |" + columns.map { " \(cell(measured.map($0.value))) |" }.joined() + "\n"
            }
        }
        return out
    }

    /// "mean (a, b)" over the seeds that have the value, "–" when none has it.
    static func cell(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return "–" }
        let mean = present.reduce(0, +) / Double(present.count)
        return present.count == 1 ? number(mean) : "\(number(mean)) (\(present.map(number).joined(separator: ", ")))"
    }

    /// Three significant digits.
    static func number(_ value: Double) -> String { String(format: "%.3g", value) }
}
