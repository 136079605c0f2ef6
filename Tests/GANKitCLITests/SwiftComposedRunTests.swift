import Foundation
import GANKit
import GANKitCLI
import Testing

/// A run composed in Swift with a `RunConfigurationWriter` is continued and sampled by the
/// command line: trained N iterations in Swift, then to 2N by `train --resume`, it ends in the
/// same state, bit for bit, as the same Swift run trained to 2N without a stop.
@Suite struct SwiftComposedRunTests {
    /// The data section: the tests' noise source (a user's data source), 8 images.
    static func data() -> DataSpec {
        var data = DataSpec()
        (data.source, data.limit, data.options) = (NoiseImageSource.kind, nil, ["count": .number(8)])
        return data
    }

    /// The images of `data()`, loaded as training loads them.
    static func images() throws -> any ImageDataset {
        let registry = ComponentRegistry()
        GANKitCLI.register([NoiseImageSource.self], in: registry)
        return try TrainingRun.loadData(data(), registry: registry)
    }

    /// A tiny DCGAN with lazy R1, CR and a generator EMA, so optimiser moments, EMA averages and
    /// the lazy schedule all carry over.
    static func pipeline() throws -> TrainingPipeline {
        var rng = RandomSource(seed: 1)
        return try TrainingPipeline.builder()
            .generator(DCGANGenerator(resolution: 32, channels: 3, latentDimension: 16, width: 4, initialization: .dcgan, using: &rng))
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, width: 4, initialization: .dcgan, using: &rng))
            .loss(NonSaturatingLoss())
            .regularizer(R1(gamma: 0.01, interval: 2))
            .regularizer(ConsistencyRegularization(weight: 2))
            .batchSize(4)
            .generatorEMA(decay: 0.9)
            .seed(1)
            .build()
    }

    @Test func theCommandLineResumesASwiftRunBitIdentically() throws {
        let n = 3
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-cli-swift-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var output = OutputSpec()
        (output.checkpointEvery, output.sampleEvery) = (n, 100)
        try Self.pipeline().train(on: try Self.images(), iterations: n, observers: [
            Checkpointer(directory: folder, every: n), RunConfigurationWriter(directory: folder, data: Self.data(), output: output),
        ])

        try GANKitCLI.run(["train", "--resume", folder.path, "--iterations", "\(2 * n)"], registering: [NoiseImageSource.self])
        let latest = try #require(Checkpoint.latest(in: folder))
        #expect(latest.lastPathComponent == Checkpoint.directoryName(iteration: 2 * n))
        #expect(try RunConfiguration.load(runDirectory: folder).iterations == 2 * n)

        let resumed = try Self.pipeline()
        try resumed.restore(try Checkpoint.load(from: latest))
        let straight = try Self.pipeline()
        try straight.train(on: try Self.images(), iterations: 2 * n)
        let (a, b) = (try resumed.snapshot(), try straight.snapshot())
        #expect(a.metadata == b.metadata)
        #expect(a.tensors.keys.sorted() == b.tensors.keys.sorted())
        for (name, tensor) in a.tensors { #expect(tensor.scalars == b.tensors[name]?.scalars, "\(name)") }

        let grid = folder.appendingPathComponent("grid.png")
        try GANKitCLI.run(["sample", "--run", folder.path, "--count", "4", "--output", grid.path], registering: [NoiseImageSource.self])
        #expect(FileManager.default.fileExists(atPath: grid.path))
    }
}
