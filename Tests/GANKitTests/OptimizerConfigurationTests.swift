import Foundation
import GANKit
import Testing

/// The optimiser in a run configuration and on the command line: Adam as it always was, SGD by
/// kind, errors listing the known optimisers and each kind's keys.
@Suite struct OptimizerConfigurationTests {
    init() { GANKit.registerBuiltins() }

    static func parse(_ text: String) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(text.utf8), source: "run.json")
    }

    static func json(_ spec: OptimizerSpec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(spec), as: UTF8.self)
    }

    @Test func adamEncodesWithoutAKindAsBeforeTheKindExisted() throws {
        #expect(try Self.json(OptimizerSpec()) == #"{"betas":[0.5,0.999],"epsilon":1e-08,"learningRate":0.0002}"#)
        let explicit = try Self.parse(#"{"generatorOptimizer": {"kind": "adam", "learningRate": 0.001}}"#)
        #expect(explicit.generatorOptimizer.kind == nil)
        #expect(try Self.json(explicit.generatorOptimizer) == #"{"betas":[0.5,0.999],"epsilon":1e-08,"learningRate":0.001}"#)
        #expect(try explicit.generatorOptimizer.settings("generatorOptimizer") == .adam(learningRate: 1e-3))
    }

    @Test func sgdReadsItsKindAndMomentumAndWritesOnlyItsOwnKeys() throws {
        let c = try Self.parse(#"{"discriminatorOptimizer": {"kind": "sgd", "learningRate": 0.01, "momentum": 0.9}}"#)
        #expect(try c.discriminatorOptimizer.settings("discriminatorOptimizer") == .sgd(learningRate: 0.01, momentum: 0.9))
        #expect(try Self.json(c.discriminatorOptimizer) == #"{"kind":"sgd","learningRate":0.01,"momentum":0.9}"#)
        let plain = try Self.parse(#"{"discriminatorOptimizer": {"kind": "sgd"}}"#)
        #expect(try Self.json(plain.discriminatorOptimizer) == #"{"kind":"sgd","learningRate":0.0002,"momentum":0}"#)
        // What is written reads back as the same configuration.
        let text = try JSONEncoder().encode(c)
        #expect(try RunConfiguration.parse(text, source: "config.json") == c)
    }

    @Test func errorsNameTheKeyAndListWhatIsKnown() throws {
        let cases: [(String, String)] = [
            (#"{"generatorOptimizer": {"kind": "rmsprop"}}"#, "unknown kind 'rmsprop' in run.json: generatorOptimizer.kind; known: adam, sgd"),
            (#"{"generatorOptimizer": {"kind": "sgd", "betas": [0.5, 0.9]}}"#,
             "unknown key 'betas' in run.json: generatorOptimizer; known keys: kind, learningRate, momentum"),
            (#"{"discriminatorOptimizer": {"momentum": 0.9}}"#,
             "unknown key 'momentum' in run.json: discriminatorOptimizer; known keys: betas, epsilon, kind, learningRate"),
        ]
        for (text, message) in cases {
            #expect { try Self.parse(text) } throws: { String(describing: $0) == message }
        }
        var c = RunConfiguration()
        c.generatorOptimizer = try OptimizerSpec.fromFlag(kind: "sgd", options: ["momentum": .number(1)], context: "--optimizer")
        #expect { try c.validate() } throws: {
            String(describing: $0) == "invalid value in generatorOptimizer.momentum: must lie in [0, 1), got 1.0"
        }
    }

    /// A flag cannot hold a list, so `beta1` and `beta2` set Adam's betas one at a time.
    @Test func adamFlagsSetEachBetaAndRejectBadOnes() throws {
        func flag(_ kind: String, _ options: [String: JSONValue]) throws -> OptimizerSpec {
            try OptimizerSpec.fromFlag(kind: kind, options: options, context: "--optimizer")
        }
        let both = try flag("adam", ["learningRate": .number(0.002), "beta1": .number(0), "beta2": .number(0.99)])
        #expect(both.betas == [0, 0.99] && both.learningRate == 0.002 && both.epsilon == OptimizerSpec().epsilon)
        #expect(try flag("adam", ["beta2": .number(0.9)]).betas == [OptimizerSpec().betas[0], 0.9])
        #expect(try flag("adam", ["beta1": .number(0.25)]).betas == [0.25, OptimizerSpec().betas[1]])
        let errors: [(String, [String: JSONValue], String)] = [
            ("adam", ["beta1": .number(1)], "invalid value in --optimizer.beta1: must lie in [0, 1), got 1.0"),
            ("adam", ["beta2": .number(-0.5)], "invalid value in --optimizer.beta2: must lie in [0, 1), got -0.5"),
            ("adam", ["beta1": .string("high")], #"invalid value in --optimizer.beta1: must be a number in [0, 1), got "high""#),
            ("adam", ["beta1": .number(0), "betas": .number(0.5)], "invalid value in --optimizer.beta1: give betas or beta1/beta2, not both"),
            ("adam", ["beta3": .number(0.5)], "unknown key 'beta3' in --optimizer; known keys: beta1, beta2, betas, epsilon, kind, learningRate"),
            ("sgd", ["beta1": .number(0.5)], "unknown key 'beta1' in --optimizer; known keys: kind, learningRate, momentum"),
        ]
        for (kind, options, message) in errors {
            #expect { try flag(kind, options) } throws: { String(describing: $0) == message }
        }
    }

    @Test func theOptimizerFlagsSetTheKindAndListTheKnownOnes() throws {
        let data = try TrainingRunTests.imageFolder(count: 2)
        let unknown = try GankitProcess.run(["train", "--data", data.path, "--optimizer", "rmsprop", "--dry-run",
                                             "--output", GankitProcess.temporary("run").path])
        #expect(unknown.status != 0 && unknown.output.contains("unknown kind 'rmsprop' in --optimizer.kind; known: adam, sgd"), "\(unknown.output)")
        let sgd = try GankitProcess.run(["train", "--data", data.path, "--width", "4", "--dry-run",
                                         "--optimizer", "sgd:learningRate=0.01,momentum=0.5",
                                         "--generator-optimizer", "adam:learningRate=0.001",
                                         "--output", GankitProcess.temporary("run").path])
        #expect(sgd.status == 0, "\(sgd.output)")
        let compact = sgd.output.filter { !$0.isWhitespace }
        #expect(compact.contains(#""discriminatorOptimizer":{"kind":"sgd","learningRate":0.01,"momentum":0.5}"#), "\(sgd.output)")
        #expect(compact.contains(#""generatorOptimizer":{"learningRate":0.001,"betas":[0.5,0.999],"epsilon":1e-08}"#)
                || compact.contains(#""generatorOptimizer":{"betas":[0.5,0.999],"epsilon":1e-08,"learningRate":0.001}"#), "\(sgd.output)")
    }
}
