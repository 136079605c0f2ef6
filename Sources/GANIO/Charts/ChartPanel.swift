import Foundation

/// One line of a chart. Points whose x or y is not plottable (NaN, ±∞, or beyond ±1e100)
/// are skipped and break the line there.
public struct ChartSeries {
    /// The legend entry, or nil to leave the line out of the legend.
    public var label: String?
    /// Stroke colour (an SVG colour such as `#1f77b4`).
    public var color: String
    public var points: [(x: Double, y: Double)]
    public var opacity = 1.0
    public var lineWidth = 1.5

    public init(label: String?, color: String, points: [(x: Double, y: Double)], opacity: Double = 1.0, lineWidth: Double = 1.5) {
        self.label = label
        self.color = color
        self.points = points
        self.opacity = opacity
        self.lineWidth = lineWidth
    }
}

/// A line chart with a title, axes with ticks and labels, axis titles and a legend, drawn as
/// SVG elements into a rectangle of a larger document.
public struct ChartPanel {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [ChartSeries]

    public init(title: String, xTitle: String, yTitle: String, series: [ChartSeries]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
    }

    /// Whether a point can be drawn.
    static func plottable(_ x: Double, _ y: Double) -> Bool { x.isFinite && y.isFinite && abs(x) < 1e100 && abs(y) < 1e100 }

    /// The panel's SVG elements, filling the rectangle at (`left`, `top`) of `width`×`height`.
    public func svg(left: Double, top: Double, width: Double, height: Double) -> String {
        let plot = (x: left + 70, y: top + 30, width: max(width - 70 - 20, 10), height: max(height - 30 - 48, 10))
        var out = "<g>\n"
        out += SVG.text(title, x: left + width / 2, y: top + 18, size: 14, anchor: "middle", bold: true)

        let finite = series.flatMap(\.points).filter { Self.plottable($0.x, $0.y) }
        let xs = finite.map(\.x), ys = finite.map(\.y)
        let xTicks = ChartTicks(low: xs.min() ?? 0, high: xs.max() ?? 1, target: 6, integral: true)
        let yTicks = ChartTicks(low: ys.min() ?? 0, high: ys.max() ?? 1, target: 5)
        func px(_ x: Double) -> Double { plot.x + (x - xTicks.lower) / (xTicks.upper - xTicks.lower) * plot.width }
        func py(_ y: Double) -> Double { plot.y + plot.height - (y - yTicks.lower) / (yTicks.upper - yTicks.lower) * plot.height }

        // Grid, ticks and tick labels.
        for v in xTicks.values {
            let x = px(v)
            out += SVG.line(x, plot.y, x, plot.y + plot.height, color: "#e5e5e5")
            out += SVG.line(x, plot.y + plot.height, x, plot.y + plot.height + 5, color: "#333333")
            out += SVG.text(xTicks.label(v), x: x, y: plot.y + plot.height + 18, size: 11, anchor: "middle")
        }
        for v in yTicks.values {
            let y = py(v)
            out += SVG.line(plot.x, y, plot.x + plot.width, y, color: "#e5e5e5")
            out += SVG.line(plot.x - 5, y, plot.x, y, color: "#333333")
            out += SVG.text(yTicks.label(v), x: plot.x - 8, y: y + 4, size: 11, anchor: "end")
        }
        out += "<rect x=\"\(SVG.n(plot.x))\" y=\"\(SVG.n(plot.y))\" width=\"\(SVG.n(plot.width))\" height=\"\(SVG.n(plot.height))\" fill=\"none\" stroke=\"#333333\"/>\n"
        out += SVG.text(xTitle, x: plot.x + plot.width / 2, y: plot.y + plot.height + 38, size: 12, anchor: "middle")
        let yTitleX = left + 16, yTitleY = plot.y + plot.height / 2
        out += "<text x=\"\(SVG.n(yTitleX))\" y=\"\(SVG.n(yTitleY))\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 \(SVG.n(yTitleX)) \(SVG.n(yTitleY)))\">\(SVG.escape(yTitle))</text>\n"

        if finite.isEmpty {
            out += SVG.text("no data yet", x: plot.x + plot.width / 2, y: plot.y + plot.height / 2, size: 12, anchor: "middle", color: "#888888")
        }
        for s in series { out += lines(s, px, py) }
        out += legend(right: plot.x + plot.width - 8, top: plot.y + 8)
        return out + "</g>\n"
    }

    /// Polylines through the series' plottable points, broken where a point is not; a point
    /// alone between breaks is drawn as a dot.
    private func lines(_ s: ChartSeries, _ px: (Double) -> Double, _ py: (Double) -> Double) -> String {
        var out = "", run: [(Double, Double)] = []
        func flush() {
            if run.count == 1 {
                out += "<circle cx=\"\(SVG.n(run[0].0))\" cy=\"\(SVG.n(run[0].1))\" r=\"\(SVG.n(s.lineWidth))\" fill=\"\(s.color)\" fill-opacity=\"\(SVG.n(s.opacity))\"/>\n"
            } else if run.count > 1 {
                let points = run.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
                out += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-opacity=\"\(SVG.n(s.opacity))\" stroke-width=\"\(SVG.n(s.lineWidth))\" stroke-linejoin=\"round\" points=\"\(points)\"/>\n"
            }
            run.removeAll()
        }
        for p in s.points {
            if Self.plottable(p.x, p.y) { run.append((px(p.x), py(p.y))) } else { flush() }
        }
        flush()
        return out
    }

    /// The legend box in the top-right corner of the plot, one row per labelled series.
    private func legend(right: Double, top: Double) -> String {
        let entries = series.compactMap { s in s.label.map { (label: $0, series: s) } }
        guard !entries.isEmpty else { return "" }
        let width = 40 + 6.5 * Double(entries.map(\.label.count).max()!), rowHeight = 16.0
        let left = right - width
        var out = "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(rowHeight * Double(entries.count) + 6))\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>\n"
        for (i, entry) in entries.enumerated() {
            let y = top + 3 + rowHeight * (Double(i) + 0.5)
            out += "<line x1=\"\(SVG.n(left + 6))\" y1=\"\(SVG.n(y))\" x2=\"\(SVG.n(left + 28))\" y2=\"\(SVG.n(y))\" stroke=\"\(entry.series.color)\" stroke-opacity=\"\(SVG.n(entry.series.opacity))\" stroke-width=\"\(SVG.n(max(entry.series.lineWidth, 2)))\"/>\n"
            out += SVG.text(entry.label, x: left + 34, y: y + 4, size: 11, anchor: "start")
        }
        return out
    }
}

/// Building blocks of a self-contained SVG document (no scripts, styles or external files).
enum SVG {
    /// A complete document: XML declaration, white background, a `<title>`, then `body`.
    static func document(width: Double, height: Double, title: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <title>\(escape(title))</title>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
        \(body)</svg>

        """
    }

    /// A text element; the text is escaped.
    static func text(_ text: String, x: Double, y: Double, size: Double, anchor: String, bold: Bool = false,
                     color: String = "#222222") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" fill=\"\(color)\"\(bold ? " font-weight=\"bold\"" : "")>\(escape(text))</text>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\" stroke-width=\"1\"/>\n"
    }

    /// A coordinate with two decimals.
    static func n(_ v: Double) -> String { String(format: "%.2f", v) }

    /// `text` with the five XML special characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
