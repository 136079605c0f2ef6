import Foundation
import GANKit
import Testing

/// Every configuration option, with each optional section on and off, survives config.json,
/// a resume and sampling: a run the tool started, it can always reopen (issue 11, "Done when").
@Suite struct ConfigurationRoundTripTests {
    init() { GANKit.registerBuiltins() }

    /// A progress observer that prints nothing (a new one per run: it holds state).
    static var quiet: ConsoleProgress { ConsoleProgress(every: 1000, isTerminal: false) { _ in } }

    /// Every key set away from its default, every optional section on (evaluation aside: it
    /// needs the Inception weights, so it round-trips through config.json only, below).
    static func everythingOn(data: URL, output: URL) -> RunConfiguration {
        var c = RunConfiguration()
        c.data.source = "folder"
        c.data.path = data.path
        c.data.resolution = 32
        c.data.channels = 3
        c.data.limit = 6
        c.model.family = "dcgan"
        c.model.latentDimension = 8
        c.model.width = 4
        c.model.initialization = "pytorchDefault"
        c.loss = "hinge"
        c.iterations = 2
        c.batchSize = 3
        c.discriminatorSteps = 2
        c.seed = 12_345
        c.generatorOptimizer.learningRate = 1e-3
        c.generatorOptimizer.betas = [0, 0.99]
        c.generatorOptimizer.epsilon = 1e-7
        c.discriminatorOptimizer.learningRate = 3e-4
        c.discriminatorOptimizer.betas = [0.1, 0.9]
        c.discriminatorOptimizer.epsilon = 1e-6
        c.generatorEMA = 0.9
        c.generatorEMARampUp = 0.05
        c.nonFinite = NonFinitePolicy.skip.rawValue
        c.regularizationSteps = RegularizationSteps.separate.rawValue
        c.augmentation = ComponentSpec(kind: "diffaugment", options: ["policy": .array([.string("color"), .string("translation")])])
        c.regularizers = [ComponentSpec(kind: "r1", options: ["gamma": .number(0.5), "interval": .number(2)]),
                          ComponentSpec(kind: "lecam", options: ["weight": .number(0.1), "decay": .number(0.9),
                                                                 "startStep": .number(0), "twoSided": .bool(true)])]
        c.techniques = [ComponentSpec(kind: "freeze-d", options: ["blocks": .number(1)])]
        c.output.directory = output.path
        c.output.progressEvery = 1000
        c.output.sampleEvery = 1
        c.output.checkpointEvery = 1
        c.output.sampleCount = 2
        var diagnostics = DiagnosticsSpec()
        diagnostics.every = 1
        diagnostics.heldOut = 2
        diagnostics.batch = 2
        diagnostics.quantile = 0.8
        diagnostics.heatMapsAt = [1]
        c.diagnostics = diagnostics
        return c
    }

    /// Every optional key and section null or off, and the other model family.
    static func everythingOff(data: URL, output: URL) -> RunConfiguration {
        var c = everythingOn(data: data, output: output)
        c.data.limit = nil
        c.model.family = "sngan-resnet"
        c.loss = "non-saturating"
        (c.generatorEMA, c.generatorEMARampUp) = (nil, nil)
        c.augmentation = nil
        c.regularizers = []
        c.techniques = []
        c.initFrom = nil
        c.diagnostics = nil
        c.evaluation = nil
        return c
    }

    /// Trains `c`, reads its config.json back, resumes it one iteration further from the reloaded
    /// configuration, then samples from it as `gankit sample` does.
    static func roundTrip(_ c: RunConfiguration) throws {
        let run = URL(fileURLWithPath: c.output.directory)
        try TrainingRun(c).train(progress: quiet)
        let saved = try RunConfiguration.load(from: run.appendingPathComponent("config.json"))
        #expect(saved == c)

        var longer = saved
        longer.iterations += 1
        try TrainingRun(longer).train(resumingFrom: Checkpoint.latest(in: run), progress: quiet)
        let resumedConfiguration = try RunConfiguration.load(from: run.appendingPathComponent("config.json"))
        #expect(resumedConfiguration == longer, "the resumed run's config.json records its new iteration count")

        let (restored, checkpoint) = try TrainingRun.restored(runDirectory: run)
        #expect(checkpoint.lastPathComponent == Checkpoint.directoryName(iteration: longer.iterations))
        #expect((restored.pipeline.generatorEMA == nil) == (c.generatorEMA == nil))
        #expect(restored.pipeline.configuration.regularizationSteps.rawValue == c.regularizationSteps)
        var rng = RandomSource(seed: 1)
        let images = restored.pipeline.sample(latents: Tensor.normal([2, c.model.latentDimension], using: &rng))
        #expect(images.shape == [2, c.data.channels, c.data.resolution, c.data.resolution])
    }

    @Test func everyOptionSetRoundTripsThroughConfigJSONResumeAndSampling() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        try Self.roundTrip(Self.everythingOn(data: data, output: GankitProcess.temporary("on")))
    }

    @Test func everyOptionalSectionOffRoundTripsThroughConfigJSONResumeAndSampling() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        try Self.roundTrip(Self.everythingOff(data: data, output: GankitProcess.temporary("off")))
    }

    @Test func aFineTunedRunRoundTripsWithItsInitFrom() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        var base = Self.everythingOff(data: data, output: GankitProcess.temporary("base"))
        base.model.family = "dcgan"
        try TrainingRun(base).train(progress: Self.quiet)
        var tuned = base
        tuned.output.directory = GankitProcess.temporary("tuned").path
        tuned.initFrom = base.output.directory
        tuned.techniques = [ComponentSpec(kind: "freeze-d", options: ["blocks": .number(2)])]
        try Self.roundTrip(tuned)
    }

    @Test func theEvaluationSectionAndFashionMNISTClassesRoundTripThroughConfigJSON() throws {
        var c = Self.everythingOn(data: URL(fileURLWithPath: "/data"), output: URL(fileURLWithPath: "/runs/x"))
        c.data.source = "fashion-mnist"
        c.data.path = nil
        c.data.classes = [3, 7]
        var evaluation = EvaluationSpec()
        evaluation.every = 7
        evaluation.num = 50
        evaluation.kidSubsets = 3
        evaluation.kidSubsetSize = 20
        c.evaluation = evaluation
        c.initFrom = "/runs/base"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(try RunConfiguration.parse(encoder.encode(c), source: "config.json") == c)
        #expect(try RunConfiguration.parse(encoder.encode(RunConfiguration()), source: "config.json") == RunConfiguration())
    }

    /// The case of issue 11: `"generatorEMA": null` through the command line's train, resume and sample.
    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle"))
    func aRunWithoutGeneratorEMAResumesAndSamplesThroughTheCommandLine() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let run = GankitProcess.temporary("no-ema")
        var c = TrainingRunTests.configuration(data: data, output: run, iterations: 2)
        c.regularizers = []
        c.generatorEMA = nil
        c.output.checkpointEvery = 1
        let config = GankitProcess.temporary("no-ema-config.json")
        try JSONEncoder().encode(c).write(to: config)

        let train = try GankitProcess.run(["train", "--config", config.path])
        #expect(train.status == 0, "\(train.output)")
        let resume = try GankitProcess.run(["train", "--resume", run.path, "--iterations", "3"])
        #expect(resume.status == 0, "\(resume.output)")
        let saved = try RunConfiguration.load(from: run.appendingPathComponent("config.json"))
        #expect(saved.generatorEMA == nil && saved.iterations == 3)
        let png = GankitProcess.temporary("no-ema.png")
        let sample = try GankitProcess.run(["sample", "--run", run.path, "--count", "4", "--output", png.path])
        #expect(sample.status == 0, "\(sample.output)")
        #expect(sample.output.contains("iter-000003"))
        #expect(FileManager.default.fileExists(atPath: png.path))
    }
}
