import GANCore
import GANTestSupport
import Testing

/// What each rank trains on and what reaches its optimiser, with stand-in groups (no
/// transport): rank r of N sees rows r·B/N ..< (r+1)·B/N of the batch a single process draws,
/// and the optimiser steps with the group's averaged gradients.
@Suite struct DataParallelShardingTests {
    /// A group of `size` seen from `rank`; `average` applies `transform` (identity by default).
    final class StandIn: DataParallelGroup {
        let rank: Int, size: Int
        let transform: (inout [Float]) -> Void
        init(rank: Int, size: Int, transform: @escaping (inout [Float]) -> Void = { _ in }) {
            self.rank = rank
            self.size = size
            self.transform = transform
        }
        func average(_ values: inout [Float]) throws { transform(&values) }
        func broadcast(_ values: inout [Float]) throws {}
    }

    /// Records the real images and latents of every D step; a per-sample penalty of zero.
    final class BatchRecorder: Regularizer {
        var reals: [[Float]] = [], latents: [[Float]] = []
        var name: String { "record" }
        var schedule: RegularizationSchedule { RegularizationSchedule(phase: .discriminator) }
        var isMeanOverSamples: Bool { true }
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
            reals.append(context.realImages!.scalars)
            latents.append(context.latents.scalars)
            return nil
        }
    }

    static func data() -> TensorDataset {
        var rng = RandomSource(seed: 3)
        return TensorDataset(Tensor.uniform([16, 1, 2, 2], low: -1, high: 1, using: &rng))
    }

    static func pipeline(_ group: (any DataParallelGroup)?, recorder: BatchRecorder? = nil) throws -> TrainingPipeline {
        var rng = RandomSource(seed: 1)
        var builder = TrainingPipeline.builder()
            .generator(ToyGenerator(using: &rng))
            .discriminator(ToyDiscriminator(using: &rng))
            .batchSize(8)
            .seed(9)
            .dataParallel(group)
        if let recorder { builder = builder.regularizer(recorder) }
        return try builder.build()
    }

    @Test(arguments: [0, 1])
    func eachRankTrainsOnItsShareOfTheSingleProcessBatch(rank: Int) throws {
        let data = Self.data(), alone = BatchRecorder(), share = BatchRecorder()
        let single = try Self.pipeline(nil, recorder: alone), ranked = try Self.pipeline(StandIn(rank: rank, size: 2), recorder: share)
        for _ in 0..<3 {
            _ = try single.step(on: data)
            _ = try ranked.step(on: data)
        }
        try #require(alone.reals.count == 3 && share.reals.count == 3)
        for step in 0..<3 {
            // 8 images of 4 values and 8 latents of 4: rank r holds rows 4r..<4r+4.
            #expect(share.reals[step] == Array(alone.reals[step][(16 * rank)..<(16 * rank + 16)]))
            #expect(share.latents[step] == Array(alone.latents[step][(16 * rank)..<(16 * rank + 16)]))
        }
        #expect(ranked.imagesShown == single.imagesShown)
    }

    @Test func theOptimiserStepsWithTheGroupsGradients() throws {
        let data = Self.data()
        // A group whose "mean" is zero: Adam then leaves every parameter where it was.
        let pipeline = try Self.pipeline(StandIn(rank: 0, size: 2) { values in values = values.map { _ in 0 } })
        let before = pipeline.generator.parameters().flatMap(\.value.scalars) + pipeline.discriminator.parameters().flatMap(\.value.scalars)
        _ = try pipeline.step(on: data)
        let after = pipeline.generator.parameters().flatMap(\.value.scalars) + pipeline.discriminator.parameters().flatMap(\.value.scalars)
        #expect(before == after)
        // The same run without a group moves them.
        let single = try Self.pipeline(nil)
        _ = try single.step(on: data)
        #expect(single.generator.parameters().flatMap(\.value.scalars) + single.discriminator.parameters().flatMap(\.value.scalars) != before)
    }
}
