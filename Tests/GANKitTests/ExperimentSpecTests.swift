import Foundation
import GANKit
import Testing

/// Experiment specs: how a row changes the base configuration, variants, and errors that name
/// the key at fault.
@Suite struct ExperimentSpecTests {
    static let folder = URL(fileURLWithPath: "/tmp")

    static func parse(_ text: String) throws -> ExperimentSpec {
        try ExperimentSpec.parse(Data(text.utf8), source: "spec.json", baseFolder: folder)
    }

    static let minimal = """
    { "name": "toy", "seeds": [3, 4], "iterations": 7, "evaluation": { "every": 5, "num": 10 },
      "base": { "loss": "hinge", "regularizers": [{ "kind": "r1", "interval": 16 }] },
      "rows": [ { "name": "plain" },
                { "name": "both", "regularizers": [{ "kind": "ms3d" }], "augmentation": { "kind": "diffaugment" },
                  "loss": "relativistic-hinge", "overrides": { "batchSize": 8 } } ] }
    """

    @Test func aRowAddsItsRegularizersAfterTheBasesAndReplacesLossAndAugmentation() throws {
        let spec = try Self.parse(Self.minimal)
        let jobs = try spec.jobs()
        #expect(jobs.map(\.row) == ["plain", "plain", "both", "both"])
        #expect(jobs.map(\.seed) == [3, 4, 3, 4])
        let plain = jobs[0].configuration, both = jobs[3].configuration
        #expect(plain.regularizers.map(\.kind) == ["r1"])
        #expect(plain.loss == "hinge" && plain.augmentation == nil && plain.batchSize == RunConfiguration().batchSize)
        #expect(both.regularizers.map(\.kind) == ["r1", "ms3d"])
        #expect(both.loss == "relativistic-hinge" && both.augmentation?.kind == "diffaugment" && both.batchSize == 8)
        #expect(both.seed == 4 && both.iterations == 7 && both.evaluation?.every == 5 && both.evaluation?.num == 10)
        #expect(both.output.directory == "runs/experiments/toy/both/seed-4")
        #expect(spec.baselineRow == "plain")
    }

    @Test func onlyAndSeedsSelectJobsAndAnUnknownRowIsNamed() throws {
        let spec = try Self.parse(Self.minimal)
        #expect(try spec.jobs(rows: ["both"], seeds: [9]).map { "\($0.row)/\($0.seed)" } == ["both/9"])
        #expect(throws: ConfigurationError.unknownKind(context: "--only (the rows of experiment toy)", kind: "nope", known: ["plain", "both"])) {
            try spec.jobs(rows: ["nope"])
        }
    }

    @Test func variantsBecomeExperimentsOfTheirOwn() throws {
        let text = Self.minimal.replacingOccurrences(of: "\"iterations\": 7,", with: """
        "iterations": 7, "variants": [ { "name": "all" }, { "name": "few", "overrides": { "data": { "limit": 5 } } } ],
        """)
        let experiments = try Self.parse(text).experiments()
        #expect(experiments.map(\.name) == ["toy-all", "toy-few"])
        let few = try experiments[1].jobs()[0].configuration
        #expect(few.data.limit == 5 && few.output.directory == "runs/experiments/toy-few/plain/seed-3")
        #expect(try experiments[0].jobs()[0].configuration.data.limit == RunConfiguration().data.limit)
    }

    @Test(arguments: [
        (#"{"name": "x", "seeds": [1], "base": {}, "rows": [{"name": "a"}], "evaluation": {}, "colour": 1}"#, "unknown key 'colour' in spec.json"),
        (#"{"name": "x", "base": {}, "rows": [{"name": "a"}]}"#, "spec.json: seeds: is required"),
        (#"{"name": "x", "seeds": [1.5], "base": {}, "rows": [{"name": "a"}]}"#, "spec.json: seeds[0]: must be a whole number"),
        (#"{"name": "x/y", "seeds": [1], "base": {}, "rows": [{"name": "a"}]}"#, "spec.json: name: 'x/y' must be"),
        (#"{"name": "x", "seeds": [1], "base": {}, "rows": [{"name": "a"}, {"name": "a"}]}"#, "two rows are named 'a'"),
        (#"{"name": "x", "seeds": [1], "base": {}, "rows": [{"name": "a", "regularizer": []}]}"#, "unknown key 'regularizer' in spec.json: rows[0]"),
        (#"{"name": "x", "seeds": [1], "base": {}, "rows": [{"name": "a", "regularizers": [{"weight": 1}]}]}"#, "rows[0]: regularizers[0]: a component needs a \"kind\""),
        (#"{"name": "x", "seeds": [1], "base": "no-such-config.json", "rows": [{"name": "a"}]}"#,
         "spec.json: base: cannot read /tmp/no-such-config.json: No such file or directory"),
        (#"{"name": "x", "seeds": [1], "base": "/tmp", "rows": [{"name": "a"}]}"#, "spec.json: base: cannot read /tmp: Is a directory"),
        (#"{"name": "x", "seeds": [1],, "base": {}}"#, "invalid value in spec.json: not valid JSON at line 1, column 28"),
        (#"{"name": "x", "seeds": [1], "base": {}, "rows": [], "evaluation": {}}"#, "spec.json: rows: needs at least one row"),
    ])
    func badSpecsAreErrorsNamingTheKey(text: String, expected: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("parsed: \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func aResolvedRunNeedsAnEvaluationAndValidKeys() throws {
        let noEvaluation = try Self.parse(#"{"name": "x", "seeds": [1], "base": {}, "rows": [{"name": "a"}]}"#)
        #expect(throws: ConfigurationError.self) { try noEvaluation.jobs() }
        do {
            _ = try noEvaluation.jobs()
        } catch {
            #expect("\(error)".contains("experiment x, row a, seed 1: evaluation"), "\(error)")
        }
        let badKey = try Self.parse(#"{"name": "x", "seeds": [1], "base": {"evaluation": {}}, "rows": [{"name": "a", "overrides": {"iterationz": 3}}]}"#)
        do {
            _ = try badKey.jobs()
            Issue.record("a misspelt configuration key was accepted")
        } catch {
            #expect("\(error)".contains("unknown key 'iterationz' in experiment x, row a, seed 1"), "\(error)")
        }
    }

    @Test func theBundledSpecsResolveEveryRow() throws {
        let root = RepositoryFolder.url
        let counts = ["sneakers32.json": 20, "sneakers32-diagnostics.json": 4, "emoji64.json": 40, "ms3d-weight-dcgan32.json": 6,
                      "ms3d-weight-dcgan64.json": 6, "ms3d-weight-sngan32.json": 10, "demo.json": 6, "stylegan2-ms3d.json": 8]
        let bundled = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Examples/experiments").path)
        #expect(Set(bundled) == Set(counts.keys), "every bundled spec is checked here")
        for (file, count) in counts {
            let spec = try ExperimentSpec.load(from: root.appendingPathComponent("Examples/experiments/\(file)"))
            let jobs = try spec.experiments().flatMap { try $0.jobs() }
            #expect(jobs.count == count, "\(file)")
            #expect(Set(jobs.map(\.configuration.iterations)).count == 1, "\(file): every run has the same iterations")
        }
        // emoji64's variants: all 1794 images, and the same random 500 for every row and seed.
        let emoji = try ExperimentSpec.load(from: root.appendingPathComponent("Examples/experiments/emoji64.json")).experiments()
        #expect(emoji.map(\.name) == ["emoji64-all", "emoji64-500"])
        let small = try emoji[1].jobs().map(\.configuration.data)
        #expect(small.allSatisfy { $0.limit == 500 && $0.subset == "random" && $0.subsetSeed == 0 })
        #expect(try emoji[0].jobs().allSatisfy { $0.configuration.data.limit == nil && $0.configuration.data.subset == "first" })
    }
}
