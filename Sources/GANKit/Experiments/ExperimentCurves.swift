import Foundation
import GANIO

/// The FID curves of an experiment as one SVG document: a panel per row with a line per seed,
/// and the baseline's seeds drawn faintly in grey in every other panel for comparison.
public enum ExperimentCurves {
    /// The document for `summary`, titled with the experiment's name.
    public static func svg(_ summary: ExperimentSummary) -> String {
        let baseline = summary.baselineRow
        let panels = summary.rows.map { row in
            var series: [ChartSeries] = []
            if let baseline, row.name != baseline.name {
                series += baseline.records.map { record in
                    ChartSeries(label: "\(baseline.name) seed \(record.seed)", color: "#999999", points: points(record), opacity: 0.6, lineWidth: 1)
                }
            }
            series += row.records.enumerated().map { i, record in
                ChartSeries(label: "seed \(record.seed)", color: ChartGrid.palette[i % ChartGrid.palette.count], points: points(record), lineWidth: 2)
            }
            return ChartPanel(title: row.name, xTitle: "iteration", yTitle: "FID (EMA samples)", series: series)
        }
        return ChartGrid.svg(title: "\(summary.experiment): FID over training, by row", documentTitle: "\(summary.experiment) FID curves", panels: panels)
    }

    static func points(_ record: ExperimentRecord) -> [(x: Double, y: Double)] {
        record.curve.map { (x: Double($0.iteration), y: $0.fid) }
    }
}
