import Foundation
import GANKit
import Testing

/// Every value of a run configuration is checked before anything is loaded or allocated; each
/// error names the key and the value (issue 11, item 4).
@Suite struct ConfigurationValidationTests {
    init() { GANKit.registerBuiltins() }

    /// What `body` throws, as the command line prints it, or nil if it does not throw.
    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return String(describing: error) }
    }

    static func parse(_ text: String) throws -> RunConfiguration {
        try RunConfiguration.parse(Data(text.utf8), source: "run.json")
    }

    /// `{"a": {"b": value}}` for the dotted key `a.b`.
    static func json(_ dottedKey: String, _ value: String) -> String {
        dottedKey.split(separator: ".").reversed().reduce(value) { inner, key in "{\"\(key)\": \(inner)}" }
    }

    static let countKeys = ["iterations", "batchSize", "discriminatorSteps", "output.progressEvery", "output.sampleEvery",
                            "output.checkpointEvery", "output.sampleCount", "model.width", "model.latentDimension",
                            "data.resolution", "data.limit"]

    @Test(arguments: countKeys, [0, -10])
    func everyIntervalAndCountBelowOneIsAnErrorNamingTheKeyAndTheValue(key: String, value: Int) throws {
        let c = try Self.parse(Self.json(key, "\(value)"))
        // TrainingRun validates before it loads the data, so no data set is needed here.
        let message = Self.message { _ = try TrainingRun(c) }
        #expect(message == "invalid value in \(key): must be ≥ 1, got \(value)")
    }

    /// `regularizationSteps`: "folded" by default, "separate" taken, anything else an error
    /// before any data is loaded, naming the key, the value and the known values.
    @Test func theRegularizationStepsOptionIsReadAndChecked() throws {
        #expect(try RunConfiguration().regularizationStepsMode() == .folded)
        #expect(try Self.parse(#"{"regularizationSteps": "separate"}"#).regularizationStepsMode() == .separate)
        let message = Self.message { _ = try TrainingRun(try Self.parse(#"{"regularizationSteps": "both"}"#)) }
        #expect(message == "unknown kind 'both' in regularizationSteps; known: folded, separate")
    }

    @Test func theDefaultsAndAFashionMNISTClassPassValidation() throws {
        try RunConfiguration().validate(memoryBytes: 8 << 30)
        try Self.parse(#"{"data": {"source": "fashion-mnist", "classes": [0, 9]}}"#).validate(memoryBytes: 8 << 30)
    }

    @Test(arguments: [
        (#"{"data": {"channels": 2}}"#, "invalid value in data.channels: must be 1 (gray) or 3 (RGB), got 2"),
        (#"{"data": {"source": "folder", "path": "x", "classes": [3]}}"#,
         "invalid value in data.classes: applies to data.source fashion-mnist only, not folder; got [3]"),
        (#"{"data": {"source": "fashion-mnist", "classes": [10]}}"#, "invalid value in data.classes: the fashion-mnist source's classes are 0…9, got 10"),
        (#"{"generatorEMA": 1.5}"#, "invalid value in generatorEMA: must lie in [0, 1) or be null for none, got 1.5"),
        (#"{"generatorEMARampUp": -0.05}"#, "invalid value in generatorEMARampUp: must be a positive number or null for none, got -0.05"),
        (#"{"generatorEMA": null, "generatorEMARampUp": 0.05}"#,
         "invalid value in generatorEMARampUp: ramps up the generator EMA, but generatorEMA is null"),
        (#"{"generatorOptimizer": {"learningRate": 0}}"#,
         "invalid value in generatorOptimizer.learningRate: must be a positive number that fits a Float, got 0.0"),
        (#"{"discriminatorOptimizer": {"learningRate": 1e39}}"#,
         "invalid value in discriminatorOptimizer.learningRate: must be a positive number that fits a Float, got 1e+39"),
        (#"{"discriminatorOptimizer": {"betas": [0.5, 1]}}"#, "invalid value in discriminatorOptimizer.betas[1]: must lie in [0, 1), got 1.0"),
        (#"{"generatorOptimizer": {"betas": [0.5]}}"#, "invalid value in generatorOptimizer.betas: needs two numbers, got 1"),
        (#"{"generatorOptimizer": {"epsilon": -1}}"#,
         "invalid value in generatorOptimizer.epsilon: must be a positive number that fits a Float, got -1.0"),
        (#"{"evaluation": {"every": 0}}"#, "invalid value in evaluation.every: must be ≥ 1, got 0"),
    ])
    func outOfRangeValuesAreErrorsNamingTheKeyAndTheValue(text: String, expected: String) throws {
        let c = try Self.parse(text)
        #expect(Self.message { try c.validate(memoryBytes: 8 << 30) } == expected)
    }

    @Test func aWidthOrBatchThatCannotFitIsAnErrorWithTheSizeAndTheCauseNotACrash() throws {
        var wide = RunConfiguration()
        wide.model.width = 1_000_000
        let width = try #require(Self.message { try wide.validate(memoryBytes: 8 << 30) })
        #expect(width.hasPrefix("invalid value in model.width: 1000000 is too large: training would need at least 131 TB of memory"))
        #expect(width.hasSuffix("and this machine has 8.0 GB; lower model.width"))

        var batch = RunConfiguration()
        batch.batchSize = 1 << 40
        let message = try #require(Self.message { try batch.validate(memoryBytes: 8 << 30) })
        #expect(message.hasPrefix("invalid value in batchSize: 1099511627776 is too large: training would need at least"))
        #expect(message.hasSuffix("lower batchSize"))

        // The real path: TrainingRun refuses it before loading data or building the model.
        #expect(Self.message { _ = try TrainingRun(wide) }?.hasPrefix("invalid value in model.width: 1000000 is too large") == true)
    }

    /// The stylegan2 family's widths come from its own keys, not `model.width`: a channelMax that
    /// cannot fit is refused naming it, through the real path, before any data is loaded (it
    /// was a fatal allocation failure); a bad option of the family is its own error.
    @Test func aStyleGAN2WidthThatCannotFitIsAnErrorNamingTheFamilysKey() throws {
        let huge = try Self.parse(#"{"model": {"family": "stylegan2", "channelBase": 100000000, "channelMax": 200000}, "batchSize": 4}"#)
        let message = try #require(Self.message { _ = try TrainingRun(huge) })
        #expect(message.hasPrefix("invalid value in model.channelMax: 200000 is too large: training would need at least 20 TB of memory"))
        #expect(message.hasSuffix("lower model.channelMax"))
        let wide = try Self.parse(#"{"model": {"family": "stylegan2", "channelBase": 2048, "channelMax": 256}, "batchSize": 32}"#)
        try wide.validate(memoryBytes: 8 << 30)
        #expect(Self.message { try wide.checkSamplingMemory(count: 100_000_000, flag: "--count", memoryBytes: 8 << 30) }?
            .hasPrefix("invalid value in --count: 100000000 is too large: sampling 100000000 images") == true)
        let negative = try Self.parse(#"{"model": {"family": "stylegan2", "channelMax": -1}}"#)
        #expect(Self.message { try negative.validate(memoryBytes: 8 << 30) } == "invalid value in model.channelMax: must be ≥ 1, got -1")
    }

    @Test func samplingMoreImagesThanFitIsAnErrorNamingTheFlag() throws {
        let c = RunConfiguration()
        try c.checkSamplingMemory(count: 64, flag: "--count", memoryBytes: 8 << 30)
        let message = try #require(Self.message { try c.checkSamplingMemory(count: 1_000_000_000, flag: "--count", memoryBytes: 8 << 30) })
        #expect(message.hasPrefix("invalid value in --count: 1000000000 is too large: sampling 1000000000 images would need at least"))
        #expect(message.hasSuffix("lower --count"))
    }

    @Test(arguments: [
        (#"{"iterations": 1.5}"#, "invalid value in run.json: 'iterations': must be a whole number, got 1.5"),
        (#"{"batchSize": 1e30}"#, "invalid value in run.json: 'batchSize': 1e+30 is out of range: it must lie in"),
        (#"{"seed": -1}"#, "invalid value in run.json: 'seed': -1 is out of range: it must lie in 0...18446744073709551615"),
        (#"{"output": {"sampleEvery": "often"}}"#, #"invalid value in run.json: 'output.sampleEvery' should be Int: expected a number, got a string: "often""#),
        (#"{"data": {"classes": [1, 2.5]}}"#, "invalid value in run.json: 'data.classes.[1]': must be a whole number, got 2.5"),
        (#"{"iterations": 1e400}"#, "invalid value in run.json: not valid JSON at line 1, column 16: the number 1e400 is too large for a Double"),
    ])
    func aNumberThatIsNotAnIntegerOrDoesNotFitIsNamedWithItsKey(text: String, expected: String) {
        let message = Self.message { _ = try Self.parse(text) }
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test func aComponentOptionThatDoesNotFitAFloatIsNamed() {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, height: 32, width: 32), batchSize: 4, datasetCount: 8)
        let message = Self.message {
            _ = try ComponentRegistry.shared.makeRegularizer("r1", options: .object(["gamma": .number(1e39)]), context: context, at: "regularizers[0]")
        }
        #expect(message == "invalid value in regularizer r1: 'gamma': 1e+39 does not fit a Float (at most 3.4028235e+38 in size)")
    }

    @Test(arguments: [
        ("{\n  \"iterations\": 5,\n  \"loss\": \n}", "line 4, column 1: expected a value, found '}'"),
        (#"{"iterations": 5,}"#, "line 1, column 18: expected a key in double quotes, found '}'"),
        ("{\n\t\"loss\": \"hinge\" \"seed\": 1}", #"line 2, column 18: expected ',' or '}' after the value of "loss", found '"'"#),
        (#"{"loss": "hinge"#, "line 1, column 10: a string starting here is not closed"),
        (#"{"seed": 1, "seed": 2}"#, #"line 1, column 13: the key "seed" appears twice in this object"#),
        ("{} x", "line 1, column 4: unexpected 'x' after the JSON value"),
        ("", "line 1, column 1: expected a value, found the end of the text"),
        (String(repeating: "[", count: 300), "arrays and objects nest deeper than 256 levels"),
    ])
    func invalidJSONIsNamedWithLineAndColumn(text: String, expected: String) {
        let message = Self.message { _ = try Self.parse(text) }
        #expect(message?.hasPrefix("invalid value in run.json: not valid JSON at ") == true)
        #expect(message?.contains(expected) == true, "\(message ?? "no error")")
    }

    @Test func aConfigurationReadsFromAPipeLikeDevFd() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(#"{"iterations": 7}"#.utf8))
        try pipe.fileHandleForWriting.close()
        let c = try RunConfiguration.load(from: URL(fileURLWithPath: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"))
        #expect(c.iterations == 7)
    }

    @Test func aMissingOrUnreadableConfigurationIsOnePlainSentence() throws {
        let missing = GankitProcess.temporary("missing").appendingPathComponent("run.json")
        #expect(Self.message { _ = try RunConfiguration.load(from: missing) }
                == "invalid value in \(missing.path): cannot read the file: No such file or directory")
        let folder = FileManager.default.temporaryDirectory
        #expect(Self.message { _ = try RunConfiguration.load(from: folder) }
                == "invalid value in \(folder.path): cannot read the file: Is a directory")
    }

    @Test func optionalKeysAreSavedAsNullAndReadBackAsNull() throws {
        var c = RunConfiguration()
        c.generatorEMA = nil
        c.data.limit = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(c), as: UTF8.self)
        #expect(text.contains(#""generatorEMA":null"#) && text.contains(#""limit":null"#))
        let back = try RunConfiguration.parse(Data(text.utf8), source: "config.json")
        #expect(back.generatorEMA == nil && back.data.limit == nil)
        #expect(back == c)
    }
}
