import Foundation
import GANIO
import Testing

/// ScatterPanel and ScatterFigure: well-formed SVG with titles, axes, tick labels and legends,
/// one mark per point, non-plottable points skipped.
@Suite struct ScatterChartTests {
    static func parse(_ svg: String) throws -> SVGDocument {
        try TemporaryFolder.with { folder in
            let path = try folder.write(Data(svg.utf8), to: "figure.svg")
            return try SVGDocument(contentsOf: URL(fileURLWithPath: path))
        }
    }

    static var panel: ScatterPanel {
        ScatterPanel(
            title: "Final points", xTitle: "position", yTitle: "start",
            series: [ScatterSeries(label: "generated", color: "#1f77b4", style: .circle(radius: 4), points: [(0.1, 1), (3.9, 2), (.nan, 3)]),
                     ScatterSeries(label: "real", color: "#d62728", style: .cross(size: 5), points: [(0, 1), (4, 1)]),
                     ScatterSeries(label: "path", color: "#2ca02c", style: .line(width: 1.5), points: [(0, 0), (1, 1), (.infinity, 2), (2, 2), (3, 3)]),
                     ScatterSeries(label: nil, color: "#7f7f7f", style: .line(width: 1), points: [(-1, 0), (5, 0)])],
            xRange: -2...6)
    }

    @Test func aFigureHasItsTitlesAxisTitlesTickLabelsAndLegend() throws {
        let doc = try Self.parse(ScatterFigure.svg(title: "Two panels", columns: 2, panels: [Self.panel, Self.panel]))
        #expect(doc.elements.first == "svg")
        for label in ["Two panels", "Final points", "position", "start", "generated", "real", "path"] {
            #expect(doc.texts.contains(label), "the figure lacks \(label)")
        }
        // The fixed x range −2…6 is labelled at its ends; y fits the data (0…3).
        for tick in ["-2", "0", "2", "4", "6", "3"] { #expect(doc.texts.contains(tick), "no tick label \(tick)") }
        // One legend row per labelled series in each panel; the unlabelled line has none.
        #expect(doc.texts.filter { $0 == "generated" }.count == 2 && doc.texts.filter { $0 == "path" }.count == 2)
    }

    @Test func eachPlottablePointIsOneMarkAndLinesBreakAtOthers() throws {
        let doc = try Self.parse(ScatterFigure.svg(title: "One", columns: 1, panels: [Self.panel]))
        // Two plottable circles plus the legend's sample.
        #expect(doc.elements.filter { $0 == "circle" }.count == 3)
        // Two crosses plus the legend's sample.
        #expect(doc.elements.filter { $0 == "path" }.count == 3)
        // The path breaks at ∞ into two lines, the unlabelled line is one more, and the two
        // line series with a label draw a legend sample each.
        #expect(doc.elements.filter { $0 == "polyline" }.count == 4)
        #expect(doc.coordinates.allSatisfy { Double($0)?.isFinite == true })
    }

    @Test func panelsAreLaidOutInTheGivenColumns() throws {
        let svg = ScatterFigure.svg(title: "Grid", columns: 3, panels: Array(repeating: Self.panel, count: 4),
                                    panelWidth: 100, panelHeight: 50)
        // Three columns of 100 px; two rows of 50 px under a 40 px header.
        #expect(svg.contains("width=\"300.00\" height=\"140.00\""))
        #expect(try Self.parse(svg).texts.filter { $0 == "Final points" }.count == 4)
    }
}
