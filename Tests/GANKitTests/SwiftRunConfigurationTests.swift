import Foundation
import GANKit
import Testing

/// A run composed in Swift with a `RunConfigurationWriter` gets the `config.json` the command
/// line would have written for the same run, or, when a component cannot describe itself, none
/// and a sentence naming the component, which the commands' error for the folder quotes.
@Suite struct SwiftRunConfigurationTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-swift-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The `data` section the tests' images stand for.
    static func data() -> DataSpec {
        var data = DataSpec()
        (data.source, data.path, data.limit) = ("folder", "/data/tiny", nil)
        return data
    }

    /// A tiny DCGAN with lazy R1, CR, DiffAugment, SGD for D and a generator EMA, plus `extra`.
    static func builder(_ extra: [any Regularizer] = []) -> PipelineBuilder {
        var rng = RandomSource(seed: 1)
        var builder = TrainingPipeline.builder()
            .generator(DCGANGenerator(resolution: 32, channels: 3, latentDimension: 16, width: 4, initialization: .dcgan, using: &rng))
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, width: 4, initialization: .dcgan, using: &rng))
            .loss(HingeLoss())
            .augmentation(DiffAugment(policy: [.translation]))
            .regularizer(R1(gamma: 0.5, interval: 2))
            .regularizer(ConsistencyRegularization(weight: 2))
            .optimizers(generator: .adam(learningRate: 1e-3, betas: (0, 0.99)), discriminator: .sgd(learningRate: 0.01, momentum: 0.5))
            .batchSize(4)
            .generatorEMA(decay: 0.9)
            .seed(7)
        for r in extra { builder = builder.regularizer(r) }
        return builder
    }

    static func images() -> TensorDataset {
        var rng = RandomSource(seed: 2)
        return TensorDataset(Tensor.uniform([8, 3, 32, 32], low: -1, high: 1, using: &rng))
    }

    @Test func aDescribablePipelineGetsTheConfigurationTheCommandLineWouldWrite() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reports: [String] = []
        let writer = RunConfigurationWriter(directory: folder, data: Self.data(), report: { reports.append($0) })
        try Self.builder().build().train(on: Self.images(), iterations: 2, observers: [writer])

        let c = try RunConfiguration.load(runDirectory: folder)
        #expect(reports.isEmpty && writer.notDescribable == nil)
        #expect(c.data == Self.data() && c.iterations == 2 && c.batchSize == 4 && c.seed == 7 && c.generatorEMA == 0.9)
        #expect(c.model.family == "dcgan" && c.model.width == 4 && c.model.latentDimension == 16 && c.model.initialization == "dcgan")
        #expect(c.loss == "hinge" && c.output.directory == folder.path)
        #expect(c.augmentation == ComponentSpec(kind: "diffaugment", options: ["policy": .array([.string("translation")])]))
        #expect(c.regularizers.map(\.kind) == ["r1", "cr"])
        #expect(c.regularizers[0].options == .object(["gamma": .number(0.5), "interval": .number(2)]))
        #expect(c.discriminatorOptimizer.kind == "sgd" && c.discriminatorOptimizer.momentum == 0.5 && c.generatorOptimizer.betas == [0, 0.99])
        // The file is what `gankit train` writes for this configuration, byte for byte.
        let rewritten = folder.appendingPathComponent("rewritten.json")
        try TrainingRun.writeConfiguration(c, to: rewritten)
        #expect(try Data(contentsOf: rewritten) == Data(contentsOf: folder.appendingPathComponent("config.json")))
        // Every component it names builds as the command line would build it.
        let registry = ComponentRegistry()
        GANKit.registerBuiltins(in: registry)
        try TrainingRun.checkComponents(of: c, registry: registry)
    }

    /// A regularizer of a user's own that does not describe itself.
    final class Undescribed: Regularizer {
        let name = "undescribed"
        let schedule = RegularizationSchedule.everyStep()
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? { nil }
    }

    @Test func anUndescribableRegularizerLeavesNoConfigurationAndSaysWhichOnce() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reports: [String] = []
        let writer = RunConfigurationWriter(directory: folder, data: Self.data(), report: { reports.append($0) })
        try Self.builder([Undescribed()]).build().train(on: Self.images(), iterations: 2,
                                                        observers: [Checkpointer(directory: folder, every: 1), writer])

        let why = "regularizers[2] (Undescribed) does not conform to DescribableComponent"
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path))
        #expect(writer.notDescribable?.place == "regularizers[2]")
        #expect(reports.count == 1 && reports[0].contains(why))
        #expect { _ = try TrainingRun.restored(runDirectory: folder) } throws: { String(describing: $0).contains(why) }
    }

    @Test func modelsOfDifferentSectionsAreNamed() throws {
        var rng = RandomSource(seed: 1)
        let pipeline = try Self.builder()
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, width: 8, initialization: .dcgan, using: &rng))
            .build()
        #expect { _ = try RunConfiguration(describing: pipeline, data: Self.data(), iterations: 1, output: OutputSpec()) } throws: {
            ($0 as? NotDescribableError)?.place == "model"
        }
    }

    @Test func aStyleGAN2PipelineComposedInSwiftIsReopenedFromItsConfiguration() throws {
        GANKit.registerBuiltins()
        let folder = try Self.folder()
        let images = try TrainingRunTests.imageFolder(count: 4)
        defer { for f in [folder, images] { try? FileManager.default.removeItem(at: f) } }
        var data = DataSpec()
        (data.source, data.path, data.limit) = ("folder", images.path, nil)
        // The smallest pair the family builds: 32 px, 1–8 channels per block.
        let widths = StyleGAN2ChannelWidths(base: 32, maximum: 8)
        var rng = RandomSource(seed: 1)
        let pipeline = try TrainingPipeline.builder()
            .generator(StyleGAN2Generator(resolution: 32, latentDimension: 8, widths: widths, mappingLayers: 1, styleMixingProbability: 0.5, using: &rng))
            .discriminator(StyleGAN2Discriminator(resolution: 32, widths: widths, groupSize: 2, using: &rng))
            .batchSize(2)
            .seed(3)
            .build()
        var reports: [String] = []
        let writer = RunConfigurationWriter(directory: folder, data: data, report: { reports.append($0) })
        try pipeline.train(on: TrainingRun.loadData(data), iterations: 1, observers: [Checkpointer(directory: folder, every: 1), writer])
        #expect(reports.isEmpty && writer.notDescribable == nil)

        let (restored, checkpoint) = try TrainingRun.restored(runDirectory: folder)
        #expect(checkpoint.lastPathComponent == Checkpoint.directoryName(iteration: 1))
        let model = restored.configuration.model
        #expect(model.family == "stylegan2" && model.latentDimension == 8)
        #expect(model.options == ["mappingLayers": .number(1), "channelBase": .number(32), "channelMax": .number(8),
                                  "styleMixingProbability": .number(0.5), "minibatchGroupSize": .number(2)])
        let generator = try #require(restored.pipeline.generator as? StyleGAN2Generator)
        #expect(generator.mapping.layers.count == 1 && generator.styleMixingProbability == 0.5)
        #expect(restored.pipeline.generator.parameters().map(\.value.scalars) == pipeline.generator.parameters().map(\.value.scalars))
        #expect(restored.pipeline.discriminator.parameters().map(\.value.scalars) == pipeline.discriminator.parameters().map(\.value.scalars))
    }
}
