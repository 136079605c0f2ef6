import AugmentationADA
import AugmentationDiffAug
import GANCore
import GANTestSupport
import Testing

/// A per-sample augmentation's share of a batch's draws augments the share's images exactly as
/// the whole batch's draws augment those rows, and draws as much as the whole batch does; in a
/// pipeline every rank then feeds D its rows of the single process's augmented batch.
@Suite struct AugmentationShareTests {
    typealias StandIn = DataParallelShardingTests.StandIn

    static func augmentation(_ kind: String) -> any PerSampleAugmentation {
        switch kind {
        case "ada-bilinear": ADA(fixedP: 1)
        case "ada-sym6": ADA(fixedP: 1, filter: .sym6)
        default: DiffAugment()
        }
    }

    @Test(arguments: ["ada-bilinear", "ada-sym6", "diffaugment"])
    func aShareOfTheDrawsAugmentsItsRowsAsTheWholeBatch(kind: String) throws {
        let augmentation = Self.augmentation(kind)
        var rng = RandomSource(seed: 4)
        let images = Tensor.uniform([8, 3, 8, 8], low: -1, high: 1, using: &rng)
        var wholeRandom = RandomSource(seed: 5)
        let whole = augmentation(images, using: &wholeRandom)
        for rank in 0..<4 {
            let share = BatchShare(batch: 8, group: StandIn(rank: rank, size: 4))
            var random = RandomSource(seed: 5)
            let part = augmentation(share.rows(images), share: share, using: &random)
            let largest = zip(part.scalars, share.rows(whole).scalars).map { abs($0 - $1) }.max()!
            #expect(largest <= 1e-6, "rank \(rank): largest difference \(largest)")
            #expect(random == wholeRandom, "rank \(rank) drew a different amount")
        }
    }

    @Test func adaPadsAndSkipsResamplingForTheWholeBatch() {
        let ada = ADA(fixedP: 1)
        let drawn = ADA.Parameters(geometry: [.identity(3), .rotate2d(0.5)], color: [.identity(4), .identity(4)])
        let first = ada.parameters(drawn, samples: 0..<1)
        #expect(first.geometry == [.identity(3)] && first.batchGeometry == drawn.geometry)
        // A share of a share still remembers the whole batch.
        #expect(ada.parameters(first, samples: 0..<1).batchGeometry == drawn.geometry)
    }

    /// Records D's inputs on the reals of every D step.
    final class InputRecorder: Regularizer {
        var inputs: [[Float]] = []
        var name: String { "record" }
        var schedule: RegularizationSchedule { RegularizationSchedule(phase: .discriminator) }
        var isMeanOverSamples: Bool { true }
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
            inputs.append(context.realInputs!.scalars)
            return nil
        }
    }

    @Test(arguments: [0, 1])
    func eachRankFeedsDItsRowsOfTheAugmentedBatch(rank: Int) throws {
        let size = ImageSize(channels: 3, height: 4, width: 4)
        var dataRandom = RandomSource(seed: 3)
        let data = TensorDataset(Tensor.uniform([16] + size.shape, low: -1, high: 1, using: &dataRandom))
        func pipeline(_ group: (any DataParallelGroup)?, _ recorder: InputRecorder) throws -> TrainingPipeline {
            var rng = RandomSource(seed: 1)
            return try TrainingPipeline.builder()
                .generator(ToyGenerator(outputSize: size, using: &rng))
                .discriminator(ToyDiscriminator(inputSize: size, using: &rng))
                .augmentation(ADA(fixedP: 0.8))
                .regularizer(recorder)
                .batchSize(8)
                .seed(9)
                .dataParallel(group)
                .build()
        }
        let alone = InputRecorder(), ranked = InputRecorder()
        let single = try pipeline(nil, alone), parallel = try pipeline(StandIn(rank: rank, size: 2), ranked)
        _ = try single.step(on: data)
        _ = try parallel.step(on: data)
        // The first D step (the networks still alike): rank r's inputs are rows 4r..<4r+4 of 48 values.
        #expect(ranked.inputs[0] == Array(alone.inputs[0][(192 * rank)..<(192 * rank + 192)]))
        #expect(parallel.random == single.random)
    }
}
