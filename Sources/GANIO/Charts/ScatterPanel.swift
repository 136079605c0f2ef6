import Foundation

/// One set of points of a `ScatterPanel`: markers at the points, or a line through them.
/// Points whose x or y is not plottable (NaN, ±∞, beyond ±1e100) are skipped; a line breaks
/// there.
public struct ScatterSeries {
    /// How the points are drawn.
    public enum Style: Equatable {
        /// A filled circle of this radius (pixels) at each point.
        case circle(radius: Double)
        /// An × of this half-width (pixels) at each point.
        case cross(size: Double)
        /// A line of this width (pixels) through the points in order.
        case line(width: Double)
    }

    /// The legend entry, or nil to leave the series out of the legend.
    public var label: String?
    /// Fill or stroke colour (an SVG colour such as `#1f77b4`).
    public var color: String
    public var style: Style
    public var points: [(x: Double, y: Double)]
    public var opacity: Double

    public init(label: String?, color: String, style: Style, points: [(x: Double, y: Double)], opacity: Double = 1) {
        self.label = label
        self.color = color
        self.style = style
        self.points = points
        self.opacity = opacity
    }
}

/// A chart of marker and line series with a title, a legend under it, axes with ticks and tick
/// labels and axis titles, drawn as SVG elements into a rectangle of a larger document
/// (`ScatterFigure` lays panels out). Unlike `ChartPanel` (loss curves over iterations), the
/// x axis is any number, points can be markers, and either axis can be given a fixed range.
public struct ScatterPanel {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [ScatterSeries]
    /// The x range to show (widened to whole ticks), or nil to fit the data.
    public var xRange: ClosedRange<Double>?
    /// The y range to show (widened to whole ticks), or nil to fit the data.
    public var yRange: ClosedRange<Double>?

    public init(title: String, xTitle: String, yTitle: String, series: [ScatterSeries],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
    }

    /// The ticks of one axis: over `range` if given, else over the plottable values.
    static func ticks(_ values: [Double], range: ClosedRange<Double>?) -> ChartTicks {
        if let range { return ChartTicks(low: range.lowerBound, high: range.upperBound, target: 6) }
        return ChartTicks(low: values.min() ?? 0, high: values.max() ?? 1, target: 6)
    }

    /// The panel's SVG elements, filling the rectangle at (`left`, `top`) of `width`×`height`.
    public func svg(left: Double, top: Double, width: Double, height: Double) -> String {
        let plot = (x: left + 70, y: top + 48, width: max(width - 70 - 20, 10), height: max(height - 48 - 48, 10))
        var out = "<g>\n" + SVG.text(title, x: left + width / 2, y: top + 18, size: 14, anchor: "middle", bold: true)
        let finite = series.flatMap(\.points).filter { ChartPanel.plottable($0.x, $0.y) }
        let xTicks = Self.ticks(finite.map(\.x), range: xRange), yTicks = Self.ticks(finite.map(\.y), range: yRange)
        func px(_ x: Double) -> Double { plot.x + (x - xTicks.lower) / (xTicks.upper - xTicks.lower) * plot.width }
        func py(_ y: Double) -> Double { plot.y + plot.height - (y - yTicks.lower) / (yTicks.upper - yTicks.lower) * plot.height }

        for v in xTicks.values {
            out += SVG.line(px(v), plot.y, px(v), plot.y + plot.height, color: "#e5e5e5")
            out += SVG.line(px(v), plot.y + plot.height, px(v), plot.y + plot.height + 5, color: "#333333")
            out += SVG.text(xTicks.label(v), x: px(v), y: plot.y + plot.height + 18, size: 11, anchor: "middle")
        }
        for v in yTicks.values {
            out += SVG.line(plot.x, py(v), plot.x + plot.width, py(v), color: "#e5e5e5")
            out += SVG.line(plot.x - 5, py(v), plot.x, py(v), color: "#333333")
            out += SVG.text(yTicks.label(v), x: plot.x - 8, y: py(v) + 4, size: 11, anchor: "end")
        }
        out += "<rect x=\"\(SVG.n(plot.x))\" y=\"\(SVG.n(plot.y))\" width=\"\(SVG.n(plot.width))\" height=\"\(SVG.n(plot.height))\" fill=\"none\" stroke=\"#333333\"/>\n"
        out += SVG.text(xTitle, x: plot.x + plot.width / 2, y: plot.y + plot.height + 38, size: 12, anchor: "middle")
        let yTitleX = left + 16, yTitleY = plot.y + plot.height / 2
        out += "<text x=\"\(SVG.n(yTitleX))\" y=\"\(SVG.n(yTitleY))\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 \(SVG.n(yTitleX)) \(SVG.n(yTitleY)))\">\(SVG.escape(yTitle))</text>\n"

        // Points outside a fixed range are clipped to the plot rectangle.
        let clip = "clip\(Int(left))x\(Int(top))"
        out += "<clipPath id=\"\(clip)\"><rect x=\"\(SVG.n(plot.x))\" y=\"\(SVG.n(plot.y))\" width=\"\(SVG.n(plot.width))\" height=\"\(SVG.n(plot.height))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#\(clip))\">\n"
        for s in series { out += Self.marks(s, s.points.map { ChartPanel.plottable($0.x, $0.y) ? (px($0.x), py($0.y)) : nil }) }
        out += "</g>\n"
        out += legend(left: plot.x, y: top + 36)
        return out + "</g>\n"
    }

    /// The SVG of one series at pixel positions `at` (nil where a point is not plottable).
    static func marks(_ s: ScatterSeries, _ at: [(Double, Double)?]) -> String {
        let opacity = SVG.n(s.opacity)
        switch s.style {
        case .circle(let r):
            return at.compactMap { $0 }.map {
                "<circle cx=\"\(SVG.n($0.0))\" cy=\"\(SVG.n($0.1))\" r=\"\(SVG.n(r))\" fill=\"\(s.color)\" fill-opacity=\"\(opacity)\"/>\n"
            }.joined()
        case .cross(let size):
            return at.compactMap { $0 }.map { p in
                let d = "M\(SVG.n(p.0 - size)),\(SVG.n(p.1 - size))L\(SVG.n(p.0 + size)),\(SVG.n(p.1 + size))"
                    + "M\(SVG.n(p.0 - size)),\(SVG.n(p.1 + size))L\(SVG.n(p.0 + size)),\(SVG.n(p.1 - size))"
                return "<path d=\"\(d)\" stroke=\"\(s.color)\" stroke-opacity=\"\(opacity)\" stroke-width=\"2\" fill=\"none\"/>\n"
            }.joined()
        case .line(let width):
            var out = "", run: [(Double, Double)] = []
            func flush() {
                if run.count > 1 {
                    let points = run.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
                    out += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-opacity=\"\(opacity)\" stroke-width=\"\(SVG.n(width))\" stroke-linejoin=\"round\" points=\"\(points)\"/>\n"
                }
                run.removeAll()
            }
            for p in at {
                if let p { run.append(p) } else { flush() }
            }
            flush()
            return out
        }
    }

    /// The legend: one row of entries between the title and the plot, each a sample of its
    /// series' marker or line and its label, so that it never hides a point.
    private func legend(left: Double, y: Double) -> String {
        var out = "", x = left
        for s in series {
            guard let label = s.label else { continue }
            var sample = s
            sample.opacity = max(sample.opacity, 0.8)
            switch sample.style {
            case .line(let w): sample.style = .line(width: max(w, 2))
            case .circle(let r): sample.style = .circle(radius: min(max(r, 3), 5))
            case .cross: sample.style = .cross(size: 4)
            }
            let at: [(Double, Double)?] = if case .line = sample.style { [(x, y), (x + 22, y)] } else { [(x + 11, y)] }
            out += Self.marks(sample, at)
            out += SVG.text(label, x: x + 28, y: y + 4, size: 11, anchor: "start")
            x += 28 + 6.5 * Double(label.count) + 16
        }
        return out
    }
}
