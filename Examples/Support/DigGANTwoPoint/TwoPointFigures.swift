import GANKit

/// The figures of DigGAN's two-point experiment (Fang et al., NeurIPS 2022, section 3.3) as
/// SVG documents with axes, tick labels, titles and legends: Fig. 3 (final points, trajectories
/// and gradient gap, vanilla above DigGAN), Fig. 4 (trajectories after noise on D₁), Fig. 5
/// (escaping from (G₂, D₂)), and the final points of every start.
public enum TwoPointFigures {
    static let generatedColor = "#1f77b4", realColor = "#d62728", curveColor = "#7f7f7f", gapColor = "#2ca02c"

    /// Fig. 3 for one start: rows vanilla (experiment 1) and DigGAN (experiment 3); columns
    /// (a) D's logit with the real and generated points after training, (b) the generated
    /// points over training, (c) the gradient gap R of eq. 2.
    public static func figure3(seed: UInt64, vanilla: TwoPointRun, digGAN: TwoPointRun, setup: TwoPointSetup) -> String {
        var panels: [ScatterPanel] = []
        for run in [vanilla, digGAN] {
            let name = run.digGAN ? "DigGAN (exp. 3)" : "Vanilla GAN (exp. 1)"
            panels.append(positions(run.final, title: "(a) \(name): after training", setup: setup))
            panels.append(trajectories(run, title: "(b) \(name): generated points", setup: setup))
            panels.append(gap(run, title: "(c) \(name): gradient gap R"))
        }
        return ScatterFigure.svg(title: "Two-point experiment, start \(seed) (\(setup.reading)): vanilla GAN vs DigGAN",
                                 columns: 3, panels: panels)
    }

    /// Fig. 4 for one start: the generated points over training after N(0, v) noise on D₁.
    public static func figure4(seed: UInt64, runs: [TwoPointRun], setup: TwoPointSetup) -> String {
        let panels = runs.enumerated().map { k, run in
            trajectories(run, title: "(\(letter(k))) noise variance \(format(run.noiseVariance ?? 0))", setup: setup)
        }
        return ScatterFigure.svg(title: "Experiment 2, start \(seed) (\(setup.reading)): vanilla GAN from G₁, D₁ + noise",
                                 columns: 2, panels: panels)
    }

    /// Fig. 5 for one start: (a) the initial state (G₂, D₂), (b) the gradient norms during the
    /// DigGAN run, (c) the vanilla run's and (d) the DigGAN run's generated points.
    public static func figure5(seed: UInt64, vanilla: TwoPointRun, digGAN: TwoPointRun, setup: TwoPointSetup) -> String {
        let initial = curvePanel(vanilla.startCurve, points: vanilla.trace.points.first ?? [],
                                 title: "(a) initial state G₂, D₂", setup: setup)
        let iterations = digGAN.trace.iterations.map(Double.init)
        let norms = ScatterPanel(
            title: "(b) DigGAN: gradient norms", xTitle: "iteration", yTitle: "‖∂D/∂x‖₂",
            series: [ScatterSeries(label: "real points", color: realColor, style: .line(width: 1.5),
                                   points: Array(zip(iterations, digGAN.trace.realNorms.map(Double.init)))),
                     ScatterSeries(label: "generated points", color: generatedColor, style: .line(width: 1.5),
                                   points: Array(zip(iterations, digGAN.trace.fakeNorms.map(Double.init))))])
        return ScatterFigure.svg(title: "Experiment 4, start \(seed) (\(setup.reading)): escaping from G₂, D₂",
                                 columns: 2, panels: [initial, norms,
                                                      trajectories(vanilla, title: "(c) vanilla GAN from G₂, D₂", setup: setup),
                                                      trajectories(digGAN, title: "(d) DigGAN from G₂, D₂", setup: setup)])
    }

    /// The final generated points of every start, one row per start: vanilla (experiment 1)
    /// left, DigGAN (experiment 3) right; drawn from the results file's records.
    public static func finalPoints(_ records: [TwoPointRecord], setup: TwoPointSetup) -> String {
        let seeds = records.map { Double($0.seed) }
        let rows = (seeds.min() ?? 0) - 0.5...(seeds.max() ?? 0) + 0.5
        let panels = [(1, "Vanilla GAN (exp. 1)"), (3, "DigGAN (exp. 3)")].map { experiment, name in
            let runs = records.filter { $0.experiment == experiment }
            let points = runs.flatMap { r in r.finalPoints.map { (x: Double($0), y: Double(r.seed)) } }
            return ScatterPanel(
                title: "\(name): both covered in \(runs.filter(\.coversBoth).count) of \(runs.count)",
                xTitle: "generated point after \(setup.iterations) iterations", yTitle: "start (seed)",
                series: realLines(setup, from: rows.lowerBound, to: rows.upperBound)
                    + [ScatterSeries(label: "generated points", color: generatedColor, style: .circle(radius: 4), points: points, opacity: 0.7)],
                xRange: -2...6, yRange: rows)
        }
        return ScatterFigure.svg(title: "Two-point experiment (\(setup.reading)): final generated points of every start",
                                 columns: 2, panels: panels, panelHeight: 140 + 18 * Double(Set(seeds).count))
    }

    /// D's logit over [−2, 6] after `gan`'s training, with the real and generated points on it.
    static func positions(_ gan: TwoPointGAN, title: String, setup: TwoPointSetup) -> ScatterPanel {
        curvePanel(gan.logits(at: TwoPointGAN.curveGrid), points: gan.points, title: title, setup: setup, logitsAt: gan.logits)
    }

    /// D's logit `curve` on `TwoPointGAN.curveGrid` with the real points (×) and the generated
    /// `points` (○) drawn on it; their heights come from `logitsAt`, or are read off the curve.
    static func curvePanel(_ curve: [Float], points: [Float], title: String, setup: TwoPointSetup,
                           logitsAt: (([Float]) -> [Float])? = nil) -> ScatterPanel {
        let onCurve = logitsAt ?? { xs in xs.map { x in curve[max(0, min(curve.count - 1, Int(((x + 2) * 10).rounded())))] } }
        func marks(_ xs: [Float]) -> [(x: Double, y: Double)] { zip(xs, onCurve(xs)).map { (x: Double($0), y: Double($1)) } }
        return ScatterPanel(
            title: title, xTitle: "x", yTitle: "D(x) (logit)",
            series: [ScatterSeries(label: "D", color: curveColor, style: .line(width: 1.5),
                                   points: zip(TwoPointGAN.curveGrid, curve).map { (x: Double($0), y: Double($1)) }),
                     ScatterSeries(label: "real points", color: realColor, style: .cross(size: 6), points: marks(setup.realPoints)),
                     ScatterSeries(label: "generated points", color: generatedColor, style: .circle(radius: 5), points: marks(points), opacity: 0.7)],
            xRange: -2...6)
    }

    /// The generated points over training (blue) and the real points (red lines).
    static func trajectories(_ run: TwoPointRun, title: String, setup: TwoPointSetup) -> ScatterPanel {
        let iterations = run.trace.iterations.map(Double.init)
        let paths = (0..<2).map { i in
            ScatterSeries(label: i == 0 ? "generated points" : nil, color: generatedColor, style: .line(width: 1.5),
                          points: zip(iterations, run.trace.points.map { Double($0[i]) }).map { (x: $0, y: $1) })
        }
        return ScatterPanel(title: title, xTitle: "iteration", yTitle: "x",
                            series: realLines(setup, from: 0, to: Double(setup.iterations), horizontal: true) + paths)
    }

    /// The gradient gap R of eq. 2 over training.
    static func gap(_ run: TwoPointRun, title: String) -> ScatterPanel {
        ScatterPanel(title: title, xTitle: "iteration", yTitle: "R = (‖∂D/∂x_R‖ − ‖∂D/∂x_F‖)²",
                     series: [ScatterSeries(label: "R (eq. 2)", color: gapColor, style: .line(width: 1.5),
                                            points: zip(run.trace.iterations, run.trace.gaps).map { (x: Double($0), y: Double($1)) })])
    }

    /// A red line at each real point, vertical from `from` to `to` in y, or horizontal in x.
    static func realLines(_ setup: TwoPointSetup, from: Double, to: Double, horizontal: Bool = false) -> [ScatterSeries] {
        setup.realPoints.enumerated().map { k, r in
            let ends = horizontal ? [(x: from, y: Double(r)), (x: to, y: Double(r))] : [(x: Double(r), y: from), (x: Double(r), y: to)]
            return ScatterSeries(label: k == 0 ? "real points" : nil, color: realColor, style: .line(width: 2), points: ends, opacity: 0.7)
        }
    }

    static func letter(_ k: Int) -> String { String(UnicodeScalar(UInt8(97 + k))) }
    static func format(_ v: Float) -> String { v == v.rounded() ? String(Int(v)) : "\(v)" }
}
