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
        #expect(ms3d.weight == 100 && ms3d.schedule.interval == 16 && ms3d.transform.name == "gaussian")
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
}
