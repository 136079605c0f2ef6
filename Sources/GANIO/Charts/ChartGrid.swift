/// A self-contained SVG document of chart panels laid out two per row under a title, as
/// `metrics.svg` and `diagnostics.svg` are drawn.
public enum ChartGrid {
    /// Ten distinguishable line colours (matplotlib's "tab10").
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The document: `title` centred on top, then `panels` left to right, top to bottom;
    /// `documentTitle` is the SVG's `<title>`.
    public static func svg(title: String, documentTitle: String, panels: [ChartPanel]) -> String {
        let (panelWidth, panelHeight, header) = (460.0, 280.0, 40.0)
        let rows = (panels.count + 1) / 2
        var body = SVG.text(title, x: panelWidth, y: 26, size: 16, anchor: "middle", bold: true)
        for (i, panel) in panels.enumerated() {
            body += panel.svg(left: Double(i % 2) * panelWidth, top: header + Double(i / 2) * panelHeight,
                              width: panelWidth, height: panelHeight)
        }
        return SVG.document(width: 2 * panelWidth, height: header + Double(rows) * panelHeight, title: documentTitle, body: body)
    }
}
