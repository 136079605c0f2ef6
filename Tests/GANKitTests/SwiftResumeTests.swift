import Foundation
import GANKit
import Testing

/// A run composed in Swift and stopped after N iterations, resumed from its folder with
/// `resumeFromLatestCheckpoint(in:)` and trained to 2N, ends in the same state, bit for bit, as
/// the same run trained to 2N without a stop.
@Suite struct SwiftResumeTests {
    /// The pipeline every run builds, as a program composes it: a tiny DCGAN with lazy R1 and a
    /// generator EMA, so optimiser moments, EMA averages and the lazy schedule all carry over.
    static func pipeline() throws -> TrainingPipeline {
        var rng = RandomSource(seed: 1)
        return try TrainingPipeline.builder()
            .generator(DCGANGenerator(resolution: 32, channels: 3, latentDimension: 16, width: 4, initialization: .dcgan, using: &rng))
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, width: 4, initialization: .dcgan, using: &rng))
            .loss(NonSaturatingLoss())
            .regularizer(R1(gamma: 0.01, interval: 2))
            .batchSize(4)
            .generatorEMA(decay: 0.9)
            .seed(1)
            .build()
    }

    static func data() -> TensorDataset {
        var rng = RandomSource(seed: 2)
        return TensorDataset(Tensor.uniform([8, 3, 32, 32], low: -1, high: 1, using: &rng))
    }

    @Test func aRunResumedFromItsFolderEndsAsAnUninterruptedOne() throws {
        let n = 3
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-swift-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let first = try Self.pipeline()
        #expect(try first.resumeFromLatestCheckpoint(in: folder) == nil && first.iteration == 0)
        try first.train(on: Self.data(), iterations: n, observers: [Checkpointer(directory: folder, every: n)])

        let resumed = try Self.pipeline()
        let checkpoint = try resumed.resumeFromLatestCheckpoint(in: folder)
        #expect(checkpoint?.lastPathComponent == Checkpoint.directoryName(iteration: n) && resumed.iteration == n)
        try resumed.train(on: Self.data(), iterations: 2 * n)

        let straight = try Self.pipeline()
        try straight.train(on: Self.data(), iterations: 2 * n)

        let (a, b) = (try resumed.snapshot(), try straight.snapshot())
        #expect(a.metadata == b.metadata)
        #expect(a.tensors.keys.sorted() == b.tensors.keys.sorted())
        for (name, tensor) in a.tensors { #expect(tensor.scalars == b.tensors[name]?.scalars, "\(name)") }
    }

    /// A kill between `Checkpoint.write`'s two renames leaves the latest checkpoint moved aside
    /// as `.old-<pid>` with its replacement still `.tmp-<pid>`: resuming takes that checkpoint,
    /// not the older one beside it, and the next `Checkpointer` puts it back under its name.
    @Test func aRunWhoseLatestCheckpointWasMovedAsideResumesFromIt() throws {
        let n = 3
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-swift-aside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.pipeline().train(on: Self.data(), iterations: n, observers: [Checkpointer(directory: folder, every: 1)])

        let checkpoints = folder.appendingPathComponent(Checkpoint.folderName)
        let name = Checkpoint.directoryName(iteration: n)
        let aside = checkpoints.appendingPathComponent("\(name).old-4242")
        let unfinished = checkpoints.appendingPathComponent("\(name).tmp-4242")
        try FileManager.default.moveItem(at: checkpoints.appendingPathComponent(name), to: aside)
        try FileManager.default.copyItem(at: aside, to: unfinished)
        try FileManager.default.removeItem(at: unfinished.appendingPathComponent("manifest.json"))

        let resumed = try Self.pipeline()
        #expect(try resumed.resumeFromLatestCheckpoint(in: folder)?.lastPathComponent == aside.lastPathComponent)
        #expect(resumed.iteration == n)
        try resumed.train(on: Self.data(), iterations: n + 1, observers: [Checkpointer(directory: folder, every: 1)])
        let left = try FileManager.default.contentsOfDirectory(atPath: checkpoints.path).sorted()
        #expect(left == (n - 1...n + 1).map { Checkpoint.directoryName(iteration: $0) })
    }

    /// A checkpoint written with other OpenBLAS kernels still restores, and the resume says so:
    /// no line for this process's own kernels, the notice naming the checkpoint and both sets
    /// after its manifest is edited to another set.
    @Test func aSwiftResumeWithOtherKernelsThanTheCheckpointsSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-swift-kernels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pipeline().train(on: Self.data(), iterations: 2, observers: [Checkpointer(directory: folder, every: 2)])
        let checkpoint = try #require(Checkpoint.latest(in: folder))
        #expect(try Self.pipeline().resume(fromCheckpoint: checkpoint) == nil)

        let manifest = checkpoint.appendingPathComponent("manifest.json")
        let current = OpenBLASKernels.coreName, other = OpenBLASKernels.coreName == "prescott" ? "haswell" : "prescott"
        let text = try String(contentsOf: manifest, encoding: .utf8)
        #expect(text.contains("\"kernels\" : \"\(current)\""))
        try text.replacingOccurrences(of: "\"kernels\" : \"\(current)\"", with: "\"kernels\" : \"\(other)\"")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let resumed = try Self.pipeline()
        let notice = try #require(try resumed.resume(fromCheckpoint: checkpoint))
        #expect(notice == Checkpoint.kernelsNotice(checkpoint: checkpoint, written: other, current: current))
        #expect(resumed.iteration == 2)
    }

    @Test func theCommandLineOpeningASwiftRunSaysWhyItCannot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-swift-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.pipeline().train(on: Self.data(), iterations: 1, observers: [Checkpointer(directory: folder, every: 1)])
        let why = "has checkpoints (iter-000001) but no config.json: the run was composed in Swift"
        #expect { _ = try TrainingRun.restored(runDirectory: folder) } throws: { String(describing: $0).contains(why) }
        #expect(try EvaluationImages.source(folder.path) == .run(URL(fileURLWithPath: folder.path)))
        #expect { _ = try EvaluationImages.real(.run(folder)) } throws: { String(describing: $0).contains(why) }
    }
}
