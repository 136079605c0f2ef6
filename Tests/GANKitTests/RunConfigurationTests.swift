import Foundation
import GANKit
import Testing

/// The JSON run configuration: defaults, strictness, and errors that name the culprit.
@Suite struct RunConfigurationTests {
    init() { GANKit.registerBuiltins() }

    static func parse(_ text: String) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(text.utf8), source: "run.json")
    }

    @Test func anEmptyObjectGivesTheDefaults() throws {
        #expect(try Self.parse("{}") == RunConfiguration())
    }

    /// Off by default (today's warm-up, so recorded runs keep their meaning); when given, the
    /// pipeline's generator EMA ramps up with it.
    @Test func theGeneratorEMARampUpReachesThePipeline() throws {
        #expect(try Self.parse("{}").generatorEMARampUp == nil)
        let c = try Self.parse(#"{"data": {"source": "emoji", "limit": 8}, "model": {"width": 4}, "batchSize": 4, "generatorEMA": 0.99, "generatorEMARampUp": 0.05}"#)
        #expect(c.generatorEMARampUp == 0.05)
        let ema = try #require(try TrainingRun(c).pipeline.generatorEMA)
        #expect(ema.rampUp == 0.05 && ema.decay == 0.99 && ema.beta(step: 0) == 0)
    }

    @Test func givenKeysOverrideAndTheRestKeepDefaults() throws {
        let c = try Self.parse(#"{"iterations": 7, "data": {"source": "fashion-mnist", "classes": [3]}, "generatorEMA": null}"#)
        #expect(c.iterations == 7)
        #expect(c.data.source == "fashion-mnist" && c.data.classes == [3])
        #expect(c.data.resolution == 32 && c.data.limit == 1000)
        #expect(c.generatorEMA == nil)
        #expect(c.batchSize == 64)
    }

    @Test(arguments: [
        (#"{"iteratons": 5}"#, "unknown key 'iteratons' in run.json"),
        (#"{"data": {"sorce": "emoji"}}"#, "unknown key 'sorce' in run.json: data"),
        (#"{"output": {"every": 3}}"#, "unknown key 'every' in run.json: output"),
        (#"{"generatorOptimizer": {"lr": 1}}"#, "unknown key 'lr' in run.json: generatorOptimizer"),
        (#"{"batchSize": "big"}"#, "batchSize"),
        (#"{"regularizers": [{"gamma": 1}]}"#, "kind"),
        (#"not json"#, "not valid JSON"),
    ])
    func badConfigurationsAreRejectedNamingTheKey(text: String, message: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            String(describing: error).contains(message)
        }
    }

    @Test func anEvaluationSectionTakesDefaultsForTheKeysItLeavesOut() throws {
        #expect(try Self.parse("{}").evaluation == nil)
        let c = try Self.parse(#"{"evaluation": {"every": 300}}"#)
        #expect(c.evaluation?.every == 300)
        #expect(c.evaluation?.num == EvaluationSpec().num && c.evaluation?.kidSubsets == 100)
        #expect(try RunConfiguration.parse(JSONEncoder().encode(c), source: "x") == c)
    }

    @Test(arguments: [("every", 0, "evaluation.every"), ("num", 1, "evaluation.num"), ("kidSubsets", 0, "evaluation.kidSubsets"),
                      ("kidSubsetSize", 1, "evaluation.kidSubsetSize")])
    func evaluationCountsBelowTheirMinimumAreRejectedNamingTheKey(key: String, value: Int, named: String) throws {
        let c = try Self.parse(#"{"evaluation": {"\#(key)": \#(value)}}"#)
        #expect {
            try c.evaluation!.validate()
        } throws: { error in
            String(describing: error).contains(named) && String(describing: error).contains("got \(value)")
        }
        #expect(throws: ConfigurationError.self) { _ = try Self.parse(#"{"evaluation": {"evry": 3}}"#) }
    }

    @Test func encodingAndParsingAgainIsTheIdentity() throws {
        var c = RunConfiguration()
        c.regularizers = [ComponentSpec(kind: "r1", options: ["gamma": .number(0.5), "interval": .number(16)])]
        c.iterations = 12
        let text = try JSONEncoder().encode(c)
        #expect(try RunConfiguration.parse(text, source: "x") == c)
    }

    @Test func componentOptionsAreCheckedByTheirFactories() throws {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 8, datasetCount: 100)
        let registry = ComponentRegistry.shared
        let r1 = try registry.makeRegularizer("r1", options: .object([:]), context: context, at: "regularizers[0]") as! R1
        #expect(r1.gamma == 0.01)
        let ms3d = try registry.makeRegularizer("ms3d", options: .object(["interval": .number(16), "transform": .string("gaussian")]),
                                                context: context, at: "regularizers[1]") as! MS3D
        #expect(ms3d.weight == MS3D.defaultWeight && ms3d.schedule.interval == 16 && ms3d.transform.name == "gaussian")
        let diggan = try registry.makeRegularizer("diggan", options: .object(["alpha": .number(1)]), context: context, at: "regularizers[2]") as! DigGAN
        #expect(diggan.weight == 500 && diggan.alpha == 1)
        #expect {
            _ = try registry.makeRegularizer("diggan", options: .object(["alpha": .number(0)]), context: context, at: "regularizers[2]")
        } throws: { String(describing: $0).contains("diggan.alpha") }
        #expect {
            _ = try registry.makeRegularizer("r1", options: .object(["gama": .number(1)]), context: context, at: "regularizers[0]")
        } throws: { String(describing: $0).contains("unknown key 'gama'") }
        #expect {
            _ = try registry.makeRegularizer("r2", options: .object([:]), context: context, at: "regularizers[0]")
        } throws: { String(describing: $0).contains("unknown kind 'r2' in regularizers[0]") }
    }

    @Test func augmentationAndTechniqueOptionsAreCheckedByTheirFactories() throws {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 1, resolution: 32), batchSize: 64, datasetCount: 100)
        let registry = ComponentRegistry.shared
        let diff = try registry.makeAugmentation("diffaugment", options: .object([:]), context: context, at: "augmentation") as! DiffAugment
        #expect(diff.policy == [.color, .translation, .cutout])
        let ada = try registry.makeAugmentation("ada", options: .object([:]), context: context, at: "augmentation") as! ADA
        #expect(ada.target == 0.6 && ada.interval == 4 && ada.speedKimg == 500 && ada.p == 0 && ada.fixedP == nil && ada.clampAtOne)
        let fixed = try registry.makeAugmentation("ada", options: .object(["fixedP": .number(0.25), "clampAtOne": .bool(false)]),
                                                  context: context, at: "augmentation") as! ADA
        #expect(fixed.p == 0.25 && !fixed.clampAtOne)
        let freeze = try registry.makeTechnique("freeze-d", options: .object(["blocks": .number(2)]), context: context, at: "techniques[0]") as! FreezeD
        #expect(freeze.blocks == 2)

        let bad: [(() throws -> Void, String)] = [
            ({ _ = try registry.makeAugmentation("diffaugment", options: .object(["policy": .array([.string("colour")])]), context: context, at: "augmentation") },
             "unknown kind 'colour' in augmentation diffaugment.policy"),
            ({ _ = try registry.makeAugmentation("diffaugment", options: .object(["policy": .array([])]), context: context, at: "augmentation") },
             "diffaugment.policy"),
            ({ _ = try registry.makeAugmentation("ada", options: .object(["intervl": .number(4)]), context: context, at: "augmentation") },
             "unknown key 'intervl'"),
            ({ _ = try registry.makeAugmentation("ada", options: .object(["interval": .number(0)]), context: context, at: "augmentation") },
             "ada.interval"),
            ({ _ = try registry.makeAugmentation("ada", options: .object(["fixedP": .number(-0.5)]), context: context, at: "augmentation") },
             "ada.fixedP"),
            ({ _ = try registry.makeTechnique("freeze-d", options: .object([:]), context: context, at: "techniques[0]") },
             "missing key 'blocks'"),
            ({ _ = try registry.makeTechnique("freeze-d", options: .object(["blocks": .number(0)]), context: context, at: "techniques[0]") },
             "freeze-d.blocks"),
        ]
        for (make, message) in bad {
            #expect { try make() } throws: { String(describing: $0).contains(message) }
        }
    }

    @Test func initFromAndFreezeDParseStrictly() throws {
        let c = try Self.parse(#"{"initFrom": "runs/pretrained", "techniques": [{"kind": "freeze-d", "blocks": 2}], "augmentation": {"kind": "ada"}}"#)
        #expect(c.initFrom == "runs/pretrained")
        #expect(c.techniques == [ComponentSpec(kind: "freeze-d", options: ["blocks": .number(2)])])
        #expect(c.augmentation?.kind == "ada")
        #expect(try Self.parse("{}").initFrom == nil)
        #expect { _ = try Self.parse(#"{"initfrom": "x"}"#) } throws: { String(describing: $0).contains("unknown key 'initfrom' in run.json") }
    }
}
