import Foundation
import GANCore
import GANTestSupport
import GANIO
import Testing

/// The SVG charts: well-formed, labelled, covering the whole run, robust to odd values.
@Suite struct LossChartTests {
    /// Statistics made up for the chart, through their Codable form (NaN and ±∞ as StatsLog
    /// writes them).
    static func statistics(_ iteration: Int, d: String, g: String, penalty: String? = nil) throws -> StepStatistics {
        let penalties = penalty.map { "{\"r1\": \($0)}" } ?? "{}"
        let json = """
            {"iteration": \(iteration), "kimg": 0, "discriminatorLoss": \(d), "generatorLoss": \(g), "realLogitMean": 0.5,
             "fakeLogitMean": -0.5, "realAccuracy": 0.75, "penalties": \(penalties), "metrics": {"ada.p": 0.1}, "seconds": 0}
            """
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(StepStatistics.self, from: Data(json.utf8))
    }

    @Test func chartsOfATrainingRunAreWellFormedAndLabelled() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let pipeline = try Toy.builder().regularizer(CountingRegularizer(name: "r1", schedule: .lazy(interval: 2))).build()
            try pipeline.train(on: Toy.data(), iterations: 12, observers: [LossChart(directory: run, every: 5, smoothing: 4)])
            let losses = try SVGDocument(contentsOf: run.appendingPathComponent("losses.svg"))
            #expect(losses.elements.first == "svg")
            for label in ["iteration", "loss", "D loss (raw)", "G loss (raw)", "D loss (mean of 4)", "G loss (mean of 4)",
                          "Adversarial losses, iterations 1–12"] {
                #expect(losses.texts.contains(label), "losses.svg lacks \(label)")
            }
            #expect(losses.polylinePoints.count == 4)
            let metrics = try SVGDocument(contentsOf: run.appendingPathComponent("metrics.svg"))
            for label in ["Mean D output", "D(x) reals", "D(G(z)) fakes", "Reals with D(x) > 0", "fraction",
                          "Penalty r1", "penalty (before gain)", "logit"] {
                #expect(metrics.texts.contains(label), "metrics.svg lacks \(label)")
            }
            // Tick labels of the iteration axis.
            #expect(metrics.texts.contains("0") && losses.texts.contains("10"))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(names == ["losses.svg", "metrics.svg"], "temporary files left behind: \(names)")
        }
    }

    @Test func nonFiniteValuesAreSkippedAndBreakTheLine() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let chart = LossChart(directory: run, every: 100, smoothing: 1)
            let pipeline = try Toy.builder().build()
            let values = ["1.0", "\"nan\"", "2.0", "3.0", "\"inf\"", "\"-inf\"", "4.0", "1e300", "5.0"]
            for (i, v) in values.enumerated() {
                try chart.iterationDidFinish(Self.statistics(i + 1, d: v, g: "0.5", penalty: i == 3 ? "\"nan\"" : "0.25"), pipeline: pipeline)
            }
            try chart.write()
            let losses = try SVGDocument(contentsOf: run.appendingPathComponent("losses.svg"))
            #expect(losses.coordinates.allSatisfy { Double($0)?.isFinite == true }, "\(losses.polylinePoints)")
            // D: [1] · [2, 3] · [4] · [5] → one polyline (the lone points are dots); G: one line.
            #expect(losses.polylinePoints.count == 2)
            #expect(losses.elements.filter { $0 == "circle" }.count == 3)
            let metrics = try SVGDocument(contentsOf: run.appendingPathComponent("metrics.svg"))
            #expect(metrics.texts.contains("Penalty r1") && metrics.texts.contains("Metric ada.p"))
            #expect(metrics.coordinates.allSatisfy { Double($0)?.isFinite == true })
        }
    }

    @Test func emptyAndConstantHistoriesStillMakeWellFormedCharts() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let chart = LossChart(directory: run, every: 1)
            try chart.write()
            let empty = try SVGDocument(contentsOf: run.appendingPathComponent("losses.svg"))
            #expect(empty.texts.contains("no data yet") && empty.texts.contains("iteration"))
            _ = try SVGDocument(contentsOf: run.appendingPathComponent("metrics.svg"))

            try chart.iterationDidFinish(Self.statistics(1, d: "\"nan\"", g: "2"), pipeline: Toy.builder().build())
            let single = try SVGDocument(contentsOf: run.appendingPathComponent("losses.svg"))
            #expect(single.elements.contains("circle") && !single.texts.contains("no data yet"))
        }
    }

    @Test func resumedChartReadsTheStatsLogAndCoversTheWholeRun() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let data = Toy.data()
            let pipeline = try Toy.builder().build()
            try pipeline.train(on: data, iterations: 8, observers: [StatsLog(directory: run), LossChart(directory: run, every: 4)])
            let resumedChart = LossChart(directory: run, every: 4)
            try pipeline.train(on: data, iterations: 15, observers: [StatsLog(directory: run), resumedChart])
            #expect(resumedChart.history.map(\.iteration) == Array(1...15))
            let losses = try SVGDocument(contentsOf: run.appendingPathComponent("losses.svg"))
            #expect(losses.texts.contains("Adversarial losses, iterations 1–15"))
        }
    }

    @Test func longRunsAreThinnedToABoundedFileThatKeepsSpikes() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let chart = LossChart(directory: run, every: 1_000_000, smoothing: 50)
            let pipeline = try Toy.builder().build()
            for i in 1...20_000 {
                let d = i == 12_345 ? "100" : String(sin(Double(i) / 500))
                try chart.iterationDidFinish(Self.statistics(i, d: d, g: "1"), pipeline: pipeline)
            }
            try chart.write()
            let file = run.appendingPathComponent("losses.svg")
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! Int
            #expect(size < 400_000, "losses.svg has \(size) bytes")
            let losses = try SVGDocument(contentsOf: file)
            #expect(losses.texts.contains("100"), "the spike at 100 should set the top y tick")
        }
    }
}
