import Foundation
import GANKit
import Testing

/// The report of a committed results fixture (`Fixtures/experiments.jsonl`: a baseline and
/// rows that are better at both seeds, worse at both, mixed, and run at one seed only).
@Suite struct ExperimentReportTests {
    static let fixture = Bundle.module.url(forResource: "experiments", withExtension: "jsonl", subdirectory: "Fixtures")!

    static func report(specs: [ExperimentSpec] = []) throws -> ExperimentReport {
        ExperimentReport(records: try ExperimentResults.read(fixture), resultsPath: "results/experiments.jsonl", specs: specs,
                         preamble: "Hand-written words.", command: "gankit report results/experiments.jsonl")
    }

    @Test func theSummaryTableHoldsMeansAndEachSeed() throws {
        let text = try Self.report().markdown(outputDirectory: "docs", curves: ["fixture": "docs/results/fixture-fid.svg"])
        #expect(text.hasPrefix("# Experiments\n"))
        #expect(text.contains("Hand-written words."))
        #expect(text.contains("| baseline | 1, 2 | 105.0 (100.0, 110.0) | 97.5 (95.0 @ 400, 100.0 @ 600) | 0.1100 (0.1000, 0.1200) | 0.1050 (0.0950, 0.1150) | 5 m 00 s | baseline |"))
        #expect(text.contains("| good | 1, 2 | 95.0 (90.0, 100.0) |"))
        #expect(text.contains("| good |") && text.contains("**better** at all 2 seeds |"))
        #expect(text.contains("| bad | 1, 2 | 125.0 (120.0, 130.0) |") && text.contains("worse at all 2 seeds |"))
        #expect(text.contains("| single | 1 | 80.0 (80.0) |") && text.contains("not judged (1 paired) |"))
        #expect(text.contains("| good | 1 | 90.0 | 85.0 (400) | 0.0800 ± 0.0100 | 0.500 | 0.250 | 0.900 | 0.300 | – | 5 m 00 s | 4 m 00 s | 0123456 |"))
        #expect(text.contains("![FID over training, one panel per row](results/fixture-fid.svg)"))
        #expect(text.contains("![good seed 2](results/grids/fixture/good-seed2.png)"))
    }

    @Test func runsWithDiagnosticsGetATableOfThemAtEachIterationOthersNone() throws {
        #expect(!(try Self.report().markdown(outputDirectory: "docs", curves: [:]).contains("### Training diagnostics")))
        var report = try Self.report()
        func measurement(_ ratio: Double, _ fisher: Double, _ train: Double, _ heldOut: Double, _ fake: Double, _ sd: Double) -> DiagnosticsRecord {
            DiagnosticsRecord(iteration: 100, connectedRegionRatio: ratio, selfDissimilarity: [sd, sd], realGradientNorm: 1, fakeGradientNorm: 1,
                              gradientGap: 0, fisherTrace: fisher, featureCosineSimilarity: 0.5, trainingRealOutput: train,
                              heldOutRealOutput: heldOut, fakeOutput: fake)
        }
        for i in report.records.indices where report.records[i].row == "baseline" {
            report.records[i].diagnostics = report.records[i].seed == 1 ? [measurement(0.1, 2, 1, 0.5, -1, 0.25)] : [measurement(0.3, 4, 1.5, 0.5, 0.5, 0.5)]
        }
        let text = try report.markdown(outputDirectory: "docs", curves: [:])
        #expect(text.contains("### Training diagnostics"))
        #expect(text.contains("| baseline | 100 | 0.2 (0.1, 0.3) | 3 (2, 4) | 0.75 (0.5, 1) | 1.5 (2, 1) | 0.75 (0.5, 1) |\n"))
        #expect(!text.contains("| good | 100 |"), "rows without diagnostics get no lines")
    }

    /// The setting line gives the width of a family that reads it, and leaves it out for one
    /// that ignores it (`ModelFamily.ignoredStandardKeys`), as stylegan2 does.
    @Test func theSettingGivesTheWidthOnlyOfAFamilyThatReadsIt() throws {
        GANKit.registerBuiltins()
        #expect(try Self.report().markdown(outputDirectory: "docs", curves: [:]).contains("Model: dcgan width 64, batch"))
        var report = try Self.report()
        for i in report.records.indices { report.records[i].config.model.family = "stylegan2" }
        #expect(try report.markdown(outputDirectory: "docs", curves: [:]).contains("Model: stylegan2, batch"))
    }

    @Test func theReadingNamesWhichRowsBeatTheBaselineAtEverySeed() throws {
        let text = try Self.report().markdown(outputDirectory: "docs", curves: [:])
        #expect(text.contains("- Beat the baseline: `good` (FID -10.0 at seed 1, -10.0 at seed 2).\n"))
        #expect(text.contains("- Did not beat the baseline: `bad`, worse at every seed (FID +20.0 at seed 1, +20.0 at seed 2); `mixed`, mixed (FID -5.0 at seed 1, +5.0 at seed 2; see KID in the table).\n"))
        #expect(text.contains("- Not judged yet, fewer than two seeds beside the baseline's: `single` (1 seed paired).\n"))
        let summary = try Self.report().summary("fixture")
        #expect(summary.rows.map(\.name) == ["baseline", "good", "bad", "mixed", "single"])
        #expect(summary.rows.map(summary.standing) == [.baseline, .better(paired: 2), .worse(paired: 2), .mixed(paired: 2), .tooFewSeeds(paired: 1)])
    }

    /// A spec of the fixture's experiment whose every row resolves to the recorded runs'
    /// configuration when `iterations` is 800.
    static func spec(iterations: Int = 800) throws -> ExperimentSpec {
        try ExperimentSpec.parse(Data("""
            { "name": "fixture", "seeds": [1, 2], "iterations": \(iterations),
              "base": { "data": { "source": "fashion-mnist", "classes": [7], "resolution": 32, "channels": 1, "limit": 500 },
                        "model": { "family": "dcgan", "width": 64, "latentDimension": 128, "initialization": "dcgan" },
                        "loss": "non-saturating", "batchSize": 64, "generatorEMA": 0.99,
                        "generatorOptimizer": { "learningRate": 0.0002, "betas": [0.5, 0.999] },
                        "discriminatorOptimizer": { "learningRate": 0.0002, "betas": [0.5, 0.999] },
                        "regularizers": [{ "kind": "r1", "gamma": 0.01, "interval": 16 }],
                        "evaluation": { "every": 200, "num": 200, "kidSubsets": 100, "kidSubsetSize": 200 },
                        "output": { "progressEvery": 50, "sampleEvery": 800, "checkpointEvery": 800, "sampleCount": 64 } },
              "rows": [ { "name": "single" }, { "name": "baseline" }, { "name": "good" }, { "name": "bad" }, { "name": "mixed" }, { "name": "later" } ] }
            """.utf8), source: "fixture.json", baseFolder: URL(fileURLWithPath: "/tmp"))
    }

    @Test func aSpecOrdersTheRowsAndListsTheRunsNotDoneYet() throws {
        let text = try Self.report(specs: [try Self.spec()]).markdown(outputDirectory: "docs", curves: [:])
        #expect(text.contains("Runs finished: 9 of 12."))
        #expect(text.contains("### Not run yet\n\n- `single`: seed 2\n- `later`: seed 1, 2\n"))
        let single = try #require(text.range(of: "| single | 1 |")), baseline = try #require(text.range(of: "| baseline | 1, 2 |"))
        #expect(single.lowerBound < baseline.lowerBound)
    }

    @Test func recordsOfSettingsTheSpecNoLongerResolvesToAreAnErrorNamingTheRun() throws {
        #expect {
            try Self.report(specs: [try Self.spec(iterations: 2000)]).markdown(outputDirectory: "docs", curves: [:])
        } throws: { error in
            let message = String(describing: error)
            return message.contains("results/experiments.jsonl") && message.contains("fixture/single/seed 1")
                && message.contains("configuration differs from the spec's now")
        }
    }

    @Test func theCurvesHaveAPanelPerRowWithTheBaselineBehindEach() throws {
        let svg = ExperimentCurves.svg(try Self.report().summary("fixture"))
        #expect(svg.hasPrefix("<?xml"))
        for title in ["fixture: FID over training, by row", ">good<", ">bad<", ">mixed<", ">single<", "baseline seed 2", "iteration", "FID (EMA samples)"] {
            #expect(svg.contains(title), "\(title)")
        }
        // The baseline panel: its 2 seeds; good, bad, mixed: 2 grey + 2; single: 2 grey + 1.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2 + 3 * (2 + 2) + (2 + 1))
    }
}
