import Foundation
import GANKit
import Testing

/// LeCam and the consistency regularizers from a configuration: their options with defaults
/// and strict keys, and a short DCGAN run per kind whose stats log their penalties.
@Suite struct RegularizerRunTests {
    init() { GANKit.registerBuiltins() }

    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                               batchSize: 8, datasetCount: 100)

    static func make(_ kind: String, _ options: [String: JSONValue] = [:]) throws -> any Regularizer {
        try ComponentRegistry.shared.makeRegularizer(kind, options: .object(options), context: context, at: "regularizers[0]")
    }

    @Test func defaultsAreThePapersValues() throws {
        let lecam = try #require(try Self.make("lecam") as? LeCam)
        #expect(lecam.weight == 0.3 && lecam.decay == 0.99 && lecam.startStep == 1000 && !lecam.twoSided)
        let cr = try #require(try Self.make("cr") as? ConsistencyRegularization)
        #expect(cr.weight == 10 && cr.transform.flipProbability == 0.5 && cr.transform.maximumShift == nil)
        let bcr = try #require(try Self.make("bcr") as? BalancedConsistencyRegularization)
        #expect(bcr.realWeight == 10 && bcr.fakeWeight == 10)
        let zcr = try #require(try Self.make("zcr") as? LatentConsistencyRegularization)
        #expect(zcr.term == .discriminator && zcr.weight == 5 && zcr.sigma == 0.03)
        let zcrG = try #require(try Self.make("zcr-generator") as? LatentConsistencyRegularization)
        #expect(zcrG.term == .generator && zcrG.weight == 0.5 && zcrG.sigma == 0.03)
    }

    @Test func givenOptionsOverrideTheDefaults() throws {
        let lecam = try #require(try Self.make("lecam", ["weight": .number(0.1), "decay": .number(0.9), "startStep": .number(0),
                                                         "twoSided": .bool(true)]) as? LeCam)
        #expect(lecam.weight == 0.1 && lecam.decay == 0.9 && lecam.startStep == 0 && lecam.twoSided)
        let bcr = try #require(try Self.make("bcr", ["fakeWeight": .number(5), "flipProbability": .number(0), "maxShift": .number(2)])
                               as? BalancedConsistencyRegularization)
        #expect(bcr.realWeight == 10 && bcr.fakeWeight == 5 && bcr.transform.flipProbability == 0 && bcr.transform.maximumShift == 2)
        let zcr = try #require(try Self.make("zcr-generator", ["sigma": .number(0.1)]) as? LatentConsistencyRegularization)
        #expect(zcr.sigma == 0.1 && zcr.weight == 0.5)
    }

    @Test(arguments: [
        ("lecam", "gamma", JSONValue.number(0.9), "unknown key 'gamma'"),
        ("lecam", "decay", .number(1), "regularizer lecam.decay"),
        ("cr", "weight", .number(-1), "regularizer cr.weight"),
        ("cr", "lambda", .number(1), "unknown key 'lambda'"),
        ("bcr", "maxShift", .number(-2), "regularizer bcr.maxShift"),
        ("zcr", "sigma", .number(0), "regularizer zcr.sigma"),
        ("zcr-generator", "weight", .number(-0.5), "regularizer zcr-generator.weight"),
    ])
    func badOptionsAreNamed(kind: String, key: String, value: JSONValue, message: String) {
        #expect { _ = try Self.make(kind, [key: value]) } throws: { String(describing: $0).contains(message) }
    }

    /// Three DCGAN iterations with the regularizers enabled; every penalty appears in the stats.
    @Test(arguments: [["lecam"], ["cr"], ["bcr"], ["zcr", "zcr-generator"]])
    func aShortRunLogsThePenalties(names: [String]) throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-run-\(UUID().uuidString)")
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: 3)
        // LeCam from D step 0, so that it penalises within the run.
        c.regularizers = names.map { ComponentSpec(kind: $0, options: $0 == "lecam" ? ["startStep": .number(0)] : [:]) }
        try TrainingRun(c).train(progress: ConsoleProgress(every: 1000, isTerminal: false) { _ in })
        let stats = try StatsLog.read(output.appendingPathComponent("stats.jsonl"))
        #expect(stats.count == 3)
        // LeCam starts one D step after its start step; the others run from the first.
        for (i, s) in stats.enumerated() where names != ["lecam"] || i > 0 {
            for name in names {
                let value = try #require(s.penalties[name], "iteration \(s.iteration) has no '\(name)' penalty: \(s.penalties)")
                #expect(value.isFinite)
                #expect(name == "zcr-generator" ? value <= 0 : value >= 0)
            }
        }
        if names == ["lecam"] { #expect(stats[0].penalties["lecam"] == nil && stats[0].metrics["lecam.emaReal"] != nil) }
    }
}
