import Foundation
import GANKit
import Testing

/// A record's scores from a run's statistics: the last evaluation, the best one and the curve.
@Suite struct ExperimentRecordTests {
    /// Statistics of `iteration` with `metrics`, as `stats.jsonl` holds them.
    static func statistics(_ iteration: Int, _ metrics: String = "", real: Double = 0, fake: Double = 0) throws -> StepStatistics {
        let line = #"{"iteration": \#(iteration), "kimg": 0, "discriminatorLoss": 1, "generatorLoss": 1, "realLogitMean": \#(real), "fakeLogitMean": \#(fake), "realAccuracy": 0.5, "penalties": {}, "metrics": {\#(metrics)}, "seconds": 0.1}"#
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(StepStatistics.self, from: Data(line.utf8))
    }

    @Test func theFinalIsTheLastEvaluationAndTheBestTheLowestFiniteFID() throws {
        let stats = [
            try Self.statistics(1), try Self.statistics(2, #""fid": 300, "kid": 0.3"#), try Self.statistics(3),
            try Self.statistics(4, #""fid": "nan", "kid": 0.2"#), try Self.statistics(6, #""fid": 150, "kid": 0.15"#),
            try Self.statistics(8, #""fid": 150, "kid": 0.14"#),
            try Self.statistics(10, #""fid": 180, "kid": 0.18, "kid.std": 0.01, "prdc.precision": 0.5, "prdc.recall": 0.25, "prdc.density": 0.75, "prdc.coverage": 0.125"#),
        ]
        let (final, best, curve) = try ExperimentRecord.evaluations(stats, source: "run")
        #expect(final == ExperimentScores(iteration: 10, fid: 180, kid: 0.18, kidStd: 0.01, precision: 0.5, recall: 0.25, density: 0.75, coverage: 0.125))
        #expect(best == ExperimentScores(iteration: 6, fid: 150, kid: 0.15), "the earliest of equal FIDs, never the NaN")
        #expect(curve.map(\.iteration) == [2, 4, 6, 8, 10])
        #expect(curve.map(\.kid) == [0.3, 0.2, 0.15, 0.14, 0.18])
        #expect(curve[1].fid.isNaN)
    }

    @Test func theLogitGapAveragesRealMinusFakeOverTheSecondHalf() throws {
        let stats = try [(1, 9.0, 0.0), (2, 9.0, 0.0), (3, 1.0, 0.5), (4, 0.25, -0.25)].map { try Self.statistics($0.0, real: $0.1, fake: $0.2) }
        #expect(ExperimentRecord.logitGap(stats) == 0.5, "iterations 3 and 4: (0.5 + 0.5) / 2")
        #expect(ExperimentRecord.logitGap([]) == nil)
    }

    @Test func aRunWithoutEvaluationsIsAnErrorNamingIt() throws {
        #expect(throws: ConfigurationError.invalidValue(context: "runs/x", reason: "the run's statistics hold no evaluation (no \"fid\" metric)")) {
            _ = try ExperimentRecord.evaluations([try Self.statistics(1)], source: "runs/x")
        }
    }

    @Test func aRecordSurvivesItsJSONLineIncludingNaN() throws {
        let fixture = try #require(Bundle.module.url(forResource: "experiments", withExtension: "jsonl", subdirectory: "Fixtures"))
        var record = try #require(try ExperimentResults.read(fixture).first)
        record.curve[0].fid = .nan
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-results-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("results.jsonl")
        try ExperimentResults.append(record, to: file)
        try ExperimentResults.append(record, to: file)
        let back = try ExperimentResults.read(file)
        #expect(back.count == 2 && back[1].curve[0].fid.isNaN)
        record.curve[0].fid = 1
        var copy = back[1]
        copy.curve[0].fid = 1
        #expect(copy == record)
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 2)
    }

    /// A results line that is not JSON, or not a record, is an error naming the file and line and
    /// what is wrong in a sentence: where the syntax breaks, or which key is off.
    @Test func aBrokenLineIsAnErrorNamingTheFileLineAndWhatIsWrong() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-results-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("{\"row\": \"a\",,}\n".utf8).write(to: file)
        let syntax = ConfigurationValidationTests.message { _ = try ExperimentResults.read(file) }
        #expect(syntax?.hasPrefix("invalid value in \(file.path), line 1: not an experiment record (not valid JSON at line 1, column 13") == true,
                "\(syntax ?? "no error")")
        try Data("{\"row\": 1}\n".utf8).write(to: file)
        let key = ConfigurationValidationTests.message { _ = try ExperimentResults.read(file) } ?? "no error"
        #expect(key.contains("line 1: not an experiment record (") && !key.contains("DecodingError") && !key.contains("codingPath"), "\(key)")
    }
}
