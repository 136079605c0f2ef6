import Foundation
import GANCore

/// Charts of a run as self-contained SVG files any browser shows, rewritten every `every`
/// iterations and when training finishes:
///
/// - `<directory>/losses.svg`: D and G loss against the iteration, each as a moving average of
///   `smoothing` iterations over its raw values drawn faintly;
/// - `<directory>/metrics.svg`: small panels for the mean D outputs on reals and fakes, the
///   fraction of reals D calls real, every regularizer's penalty, and the components' metrics
///   (those sharing a prefix before the first ".", such as `ms3d.sd0`, `ms3d.sd1`, share a
///   panel).
///
/// The chart keeps every `StepStatistics` it receives; on a resumed run it first reads
/// `<directory>/stats.jsonl` (written by `StatsLog`) so it covers the whole run. NaN or infinite
/// values are left out, breaking the line. Files are written to a temporary name and renamed.
public final class LossChart: TrainingObserver {
    /// The run directory.
    public let directory: URL
    /// Iterations between redraws.
    public let every: Int
    /// Iterations in the loss moving average (1 draws the raw losses only).
    public let smoothing: Int
    /// The statistics charted so far, by iteration.
    public private(set) var history: [StepStatistics] = []

    /// - Parameters:
    ///   - directory: the run directory (where `StatsLog` writes `stats.jsonl`).
    ///   - every: iterations between redraws (≥ 1).
    ///   - smoothing: window of the loss moving average (≥ 1).
    public init(directory: URL, every: Int, smoothing: Int = 20) {
        precondition(every >= 1, "LossChart: every must be ≥ 1, got \(every)")
        precondition(smoothing >= 1, "LossChart: smoothing must be ≥ 1, got \(smoothing)")
        self.directory = directory
        self.every = every
        self.smoothing = smoothing
    }

    /// A chart for the run directory at `path`.
    public convenience init(_ path: String, every: Int, smoothing: Int = 20) {
        self.init(directory: URL(fileURLWithPath: path), every: every, smoothing: smoothing)
    }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        var byIteration: [Int: StepStatistics] = [:]
        for s in try StatsLog.read(directory.appendingPathComponent("stats.jsonl")) { byIteration[s.iteration] = s }
        for s in history { byIteration[s.iteration] = s }
        history = byIteration.values.filter { $0.iteration <= pipeline.iteration }.sorted { $0.iteration < $1.iteration }
    }

    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {
        history.append(statistics)
        if statistics.iteration % every == 0 { try write() }
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws { try write() }

    /// Writes both charts of the history now.
    public func write() throws {
        try AtomicFile.createDirectory(directory)
        try AtomicFile.write(Data(Self.lossesSVG(history, smoothing: smoothing).utf8), to: directory.appendingPathComponent("losses.svg"))
        try AtomicFile.write(Data(Self.metricsSVG(history).utf8), to: directory.appendingPathComponent("metrics.svg"))
    }

    private static let palette = ChartGrid.palette

    /// The losses chart of `history`.
    static func lossesSVG(_ history: [StepStatistics], smoothing: Int) -> String {
        let x = history.map { Double($0.iteration) }
        var series: [ChartSeries] = []
        for (name, values, color) in [("D loss", history.map(\.discriminatorLoss), palette[0]),
                                      ("G loss", history.map(\.generatorLoss), palette[1])] {
            if smoothing > 1 {
                series.append(ChartSeries(label: "\(name) (raw)", color: color, points: points(x, values), opacity: 0.3, lineWidth: 1))
                series.append(ChartSeries(label: "\(name) (mean of \(smoothing))", color: color,
                                          points: points(x, SeriesShaping.movingAverage(values, window: smoothing)), lineWidth: 2))
            } else {
                series.append(ChartSeries(label: name, color: color, points: points(x, values)))
            }
        }
        let panel = ChartPanel(title: "Adversarial losses" + range(history), xTitle: "iteration", yTitle: "loss", series: series)
        let (width, height) = (900.0, 480.0)
        return SVG.document(width: width, height: height, title: "GANKit losses",
                            body: panel.svg(left: 0, top: 0, width: width, height: height))
    }

    /// The metrics chart of `history`: a grid of panels, two per row.
    static func metricsSVG(_ history: [StepStatistics]) -> String {
        let x = history.map { Double($0.iteration) }
        var panels = [
            ChartPanel(title: "Mean D output", xTitle: "iteration", yTitle: "logit", series: [
                ChartSeries(label: "D(x) reals", color: palette[0], points: points(x, history.map(\.realLogitMean))),
                ChartSeries(label: "D(G(z)) fakes", color: palette[1], points: points(x, history.map(\.fakeLogitMean))),
            ]),
            ChartPanel(title: "Reals with D(x) > 0", xTitle: "iteration", yTitle: "fraction", series: [
                ChartSeries(label: nil, color: palette[2], points: points(x, history.map(\.realAccuracy))),
            ]),
        ]
        for name in Set(history.flatMap(\.penalties.keys)).sorted() {
            panels.append(ChartPanel(title: "Penalty \(name)", xTitle: "iteration", yTitle: "penalty (before gain)", series: [
                ChartSeries(label: nil, color: palette[3], points: sparse(history) { $0.penalties[name] }),
            ]))
        }
        let metricNames = Set(history.flatMap(\.metrics.keys)).sorted()
        let groups = Dictionary(grouping: metricNames) { String($0.split(separator: ".", maxSplits: 1)[0]) }
        for group in groups.keys.sorted() {
            let names = groups[group]!
            let series = names.enumerated().map { i, name in
                ChartSeries(label: names.count > 1 ? name : nil, color: palette[(4 + i) % palette.count],
                            points: sparse(history) { $0.metrics[name] })
            }
            panels.append(ChartPanel(title: names.count > 1 ? "Metrics \(group).*" : "Metric \(names[0])",
                                     xTitle: "iteration", yTitle: "value", series: series))
        }
        return ChartGrid.svg(title: "Training metrics" + range(history), documentTitle: "GANKit training metrics", panels: panels)
    }

    private static func points(_ x: [Double], _ y: [Double]) -> [(x: Double, y: Double)] {
        SeriesShaping.thinned(zip(x, y).map { (x: $0, y: $1) })
    }

    /// The points of a value present on some iterations only (lazy penalties, optional metrics).
    private static func sparse(_ history: [StepStatistics], _ value: (StepStatistics) -> Double?) -> [(x: Double, y: Double)] {
        SeriesShaping.thinned(history.compactMap { s in value(s).map { (x: Double(s.iteration), y: $0) } })
    }

    private static func range(_ history: [StepStatistics]) -> String {
        guard let first = history.first, let last = history.last else { return "" }
        return ", iterations \(first.iteration)–\(last.iteration)"
    }
}
