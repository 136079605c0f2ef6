import Foundation
import GANKit
import Testing

/// The augmentations, Freeze-D and fine-tuning as configured runs: ADA's p in the stats log,
/// frozen discriminator blocks that stay bit-identical, and `initFrom` loading only weights.
@Suite struct AugmentationAndTransferRunTests {
    init() { GANKit.registerBuiltins() }

    static var quiet: ConsoleProgress { ConsoleProgress(every: 1000, isTerminal: false) { _ in } }

    static func configuration(data: URL, output: URL, iterations: Int) -> RunConfiguration {
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: iterations)
        c.regularizers = []
        return c
    }

    static func temporaryRun(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gankit-\(name)-\(UUID().uuidString)")
    }

    /// The discriminator's parameters by name, split into those of its first `blocks` blocks and the rest.
    static func discriminatorWeights(_ pipeline: TrainingPipeline, frozenBlocks blocks: Int) -> (frozen: [String: [Float]], rest: [String: [Float]]) {
        let d = pipeline.discriminator
        let frozenIDs = Set(d.blocks.prefix(blocks).flatMap { $0.parameters() }.map(ObjectIdentifier.init))
        var frozen: [String: [Float]] = [:], rest: [String: [Float]] = [:]
        for (name, p) in d.namedParameters() {
            if frozenIDs.contains(ObjectIdentifier(p)) { frozen[name] = p.value.scalars } else { rest[name] = p.value.scalars }
        }
        return (frozen, rest)
    }

    @Test func anADARunLogsPAndRtInItsStats() throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let output = Self.temporaryRun("ada")
        var c = Self.configuration(data: data, output: output, iterations: 6)
        c.augmentation = ComponentSpec(kind: "ada", options: ["speedKimg": .number(0.05)])
        try TrainingRun(c).train(progress: Self.quiet)
        let stats = try StatsLog.read(output.appendingPathComponent("stats.jsonl"))
        #expect(stats.count == 6)
        #expect(stats.allSatisfy { $0.metrics["ada.p"] != nil })
        // The first adjustment comes after the 4th D step (batch 4: a step of 4·4/50 = 0.32).
        #expect(stats[..<3].allSatisfy { $0.metrics["ada.rt"] == nil && $0.metrics["ada.p"] == 0 })
        #expect(stats[3...].allSatisfy { $0.metrics["ada.rt"] != nil })
        let p = stats[3].metrics["ada.p"]!, rt = stats[3].metrics["ada.rt"]!
        #expect(rt > 0.6 ? abs(p - 0.32) < 1e-12 : p == 0)
    }

    @Test func aDiffAugmentRunTrains() throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let output = Self.temporaryRun("diffaugment")
        var c = Self.configuration(data: data, output: output, iterations: 3)
        c.augmentation = ComponentSpec(kind: "diffaugment", options: ["policy": .array([.string("translation"), .string("cutout")])])
        let run = try TrainingRun(c)
        #expect((run.pipeline.augmentation as? DiffAugment)?.policy == [.translation, .cutout])
        try run.train(progress: Self.quiet)
        #expect(try StatsLog.read(output.appendingPathComponent("stats.jsonl")).count == 3)
    }

    @Test func freezeDFromTheConfigurationKeepsTheFirstBlocksBitIdentical() throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        var c = Self.configuration(data: data, output: Self.temporaryRun("freeze-d"), iterations: 4)
        c.techniques = [ComponentSpec(kind: "freeze-d", options: ["blocks": .number(2)])]
        let run = try TrainingRun(c)
        let before = Self.discriminatorWeights(run.pipeline, frozenBlocks: 2)
        try run.train(progress: Self.quiet)
        let after = Self.discriminatorWeights(run.pipeline, frozenBlocks: 2)
        #expect(!before.frozen.isEmpty && after.frozen == before.frozen)
        for (name, values) in after.rest { #expect(values != before.rest[name], "\(name) did not train") }
    }

    @Test func initFromLoadsThePretrainedWeightsAndFreezeDKeepsThem() throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let pretrainedDirectory = Self.temporaryRun("pretrained")
        try TrainingRun(Self.configuration(data: data, output: pretrainedDirectory, iterations: 3)).train(progress: Self.quiet)
        let pretrained = try Checkpoint.load(from: try #require(Checkpoint.latest(in: pretrainedDirectory)))

        var c = Self.configuration(data: data, output: Self.temporaryRun("fine-tuned"), iterations: 3)
        c.seed = 5
        c.initFrom = pretrainedDirectory.path
        c.techniques = [ComponentSpec(kind: "freeze-d", options: ["blocks": .number(2)])]
        let run = try TrainingRun(c)
        try run.train(progress: Self.quiet)

        let weights = Self.discriminatorWeights(run.pipeline, frozenBlocks: 2)
        for (name, values) in weights.frozen {
            #expect(values == pretrained.tensors["discriminator.parameter.\(name)"]?.scalars, "frozen \(name) is not the pretrained one")
        }
        for (name, values) in weights.rest {
            #expect(values != pretrained.tensors["discriminator.parameter.\(name)"]?.scalars, "\(name) did not train")
        }
        // Counters start afresh: 3 iterations logged from 1, and the checkpoint says 3.
        let stats = try StatsLog.read(run.directory.appendingPathComponent("stats.jsonl"))
        #expect(stats.map(\.iteration) == [1, 2, 3])
        #expect(run.pipeline.iteration == 3)
    }

    @Test func initFromANonRunIsNamed() throws {
        let data = try TrainingRunTests.imageFolder(count: 2)
        var c = Self.configuration(data: data, output: Self.temporaryRun("bad-init"), iterations: 1)
        c.initFrom = "/nonexistent/pretrained-run"
        #expect { try TrainingRun(c).train(progress: Self.quiet) } throws: { String(describing: $0).contains("/nonexistent/pretrained-run") }
    }
}
