import GANIO

/// `diagnostics.svg`: one panel per diagnostic against the iteration, drawn with GANIO's chart
/// panels. How to read them: `docs/diagnostics.md`.
public enum DiagnosticsChart {
    /// The chart of `records` (in iteration order).
    public static func svg(_ records: [DiagnosticsRecord]) -> String {
        let x = records.map { Double($0.iteration) }
        let color = ChartGrid.palette
        func series(_ label: String?, _ c: Int, _ y: [Double]) -> ChartSeries {
            ChartSeries(label: label, color: color[c % color.count], points: zip(x, y).map { (x: $0, y: $1) })
        }
        let scales = records.map(\.selfDissimilarity.count).max() ?? 0
        let heldOut = records.compactMap { r in r.heldOutRealOutput.map { (x: Double(r.iteration), y: $0) } }
        var outputs = [series("training reals", 0, records.map(\.trainingRealOutput))]
        if !heldOut.isEmpty { outputs.append(ChartSeries(label: "held-out reals", color: color[1], points: heldOut)) }
        func optional(_ label: String?, _ c: Int, _ value: (DiagnosticsRecord) -> Double?) -> ChartSeries {
            ChartSeries(label: label, color: color[c % color.count],
                        points: records.compactMap { r in value(r).map { (x: Double(r.iteration), y: $0) } })
        }
        let fakes = optional("fakes", 2, \.fakeOutput)
        if !fakes.points.isEmpty { outputs.append(fakes) }
        let names = Set(records.flatMap { $0.penaltyGradientRatio.map { Array($0.keys) } ?? [] }).sorted()
        var panels = [
            ChartPanel(title: "Perceptual narrowing (MS3D Fig. 2b)", xTitle: "iteration", yTitle: "connected regions / pixels",
                       series: [series(nil, 0, records.map(\.connectedRegionRatio))]),
            ChartPanel(title: "Self-dissimilarity of ∇ₓD per scale", xTitle: "iteration", yTitle: "SD_k", series: (0..<scales).map { k in
                ChartSeries(label: "SD\(k)", color: color[k % color.count], points: records.compactMap { r in
                    k < r.selfDissimilarity.count ? (x: Double(r.iteration), y: r.selfDissimilarity[k]) : nil
                })
            } + [series("MS3D = Σ SD_k", 7, records.map(\.ms3d))]),
            ChartPanel(title: "‖∇ₓD‖ (DigGAN)", xTitle: "iteration", yTitle: "mean L2 norm",
                       series: [series("reals", 0, records.map(\.realGradientNorm)), series("fakes", 1, records.map(\.fakeGradientNorm))]),
            ChartPanel(title: "Gradient gap R (DigGAN eq. 2)", xTitle: "iteration", yTitle: "mean (‖∇D(x_R)‖ − ‖∇D(x_F)‖)²",
                       series: [series(nil, 3, records.map(\.gradientGap))]),
            ChartPanel(title: "Trace of D's Fisher information (MS3D Fig. 4)", xTitle: "iteration", yTitle: "tr F",
                       series: [series(nil, 4, records.map(\.fisherTrace))]),
            ChartPanel(title: "Cosine similarity of D's features (MS3D Fig. 8c)", xTitle: "iteration", yTitle: "mean pairwise cosine",
                       series: [series(nil, 5, records.map(\.featureCosineSimilarity))]),
            ChartPanel(title: "Mean D output (MS3D Fig. 7d)", xTitle: "iteration", yTitle: "logit", series: outputs),
        ]
        if !names.isEmpty {
            panels.append(ChartPanel(title: "‖∇θ penalty‖ / ‖∇θ L_D‖", xTitle: "iteration", yTitle: "ratio",
                                     series: names.enumerated().map { c, name in optional(name, c, { $0.penaltyGradientRatio?[name] }) }))
        }
        if records.contains(where: { $0.fieldExtremeShare != nil }) {
            panels.append(ChartPanel(title: "MS3D normalisation of ∇ₓD", xTitle: "iteration", yTitle: "value",
                                     series: [optional("(max − min)/std", 0, \.fieldRangeOverStd),
                                              optional("share at arg-max/min", 1, \.fieldExtremeShare)]))
        }
        let range = records.first.map { ", iterations \($0.iteration)–\(records.last!.iteration)" } ?? ""
        return ChartGrid.svg(title: "Training diagnostics" + range, documentTitle: "GANKit training diagnostics", panels: panels)
    }
}
