/// A self-contained SVG document of `ScatterPanel`s in a grid under a title: a paper-style
/// figure whose rows and columns are the panels (a), (b), (c)… of one experiment.
public enum ScatterFigure {
    /// The document: `title` centred on top, then `panels` left to right in `columns` columns,
    /// top to bottom, each `panelWidth`×`panelHeight` pixels; the SVG's `<title>` is `title`.
    public static func svg(title: String, columns: Int, panels: [ScatterPanel],
                           panelWidth: Double = 420, panelHeight: Double = 280) -> String {
        precondition(columns >= 1, "ScatterFigure: columns must be ≥ 1, got \(columns)")
        let header = 40.0
        let rows = (panels.count + columns - 1) / columns
        let width = Double(columns) * panelWidth
        var body = SVG.text(title, x: width / 2, y: 26, size: 16, anchor: "middle", bold: true)
        for (i, panel) in panels.enumerated() {
            body += panel.svg(left: Double(i % columns) * panelWidth, top: header + Double(i / columns) * panelHeight,
                              width: panelWidth, height: panelHeight)
        }
        return SVG.document(width: width, height: header + Double(rows) * panelHeight, title: title, body: body)
    }
}
