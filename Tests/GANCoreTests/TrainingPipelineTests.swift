import GANCore
import GANTestSupport
import GANNN
import GANTensor
import Testing

/// The pipeline's contract: reproducible, resumable, schedules honoured, bad combinations
/// rejected with readable errors.
@Suite struct TrainingPipelineTests {
    @Test func sameSeedGivesBitIdenticalStatisticsForFiftySteps() throws {
        let data = Toy.data()
        func run() throws -> [StepStatistics] {
            let pipeline = try Toy.builder().regularizer(CountingRegularizer(schedule: .lazy(interval: 4))).build()
            return try (0..<50).map { _ in try pipeline.step(on: data).withoutTiming }
        }
        let a = try run(), b = try run()
        #expect(a == b)
        #expect(a.last!.iteration == 50)
        #expect(a.map(\.generatorLoss) != Array(repeating: a[0].generatorLoss, count: 50), "training changed nothing")
    }

    @Test func differentSeedsGiveDifferentRuns() throws {
        let data = Toy.data()
        let a = try Toy.builder(seed: 1).build().step(on: data)
        let b = try Toy.builder(seed: 2).build().step(on: data)
        #expect(a.withoutTiming != b.withoutTiming)
    }

    @Test func resumingFromASnapshotContinuesBitIdentically() throws {
        let data = Toy.data()
        let uninterrupted = try Toy.builder().discriminatorSteps(2).build()
        var expected: [StepStatistics] = []
        for _ in 0..<30 { expected.append(try uninterrupted.step(on: data).withoutTiming) }

        let first = try Toy.builder().discriminatorSteps(2).build()
        for _ in 0..<12 { _ = try first.step(on: data) }
        let snapshot = try first.snapshot()
        // A fresh pipeline with different initial weights, restored from the snapshot.
        let resumed = try Toy.builder(seed: 99).discriminatorSteps(2).seed(11).build()
        try resumed.restore(snapshot)
        var continued: [StepStatistics] = []
        for _ in 12..<30 { continued.append(try resumed.step(on: data).withoutTiming) }
        #expect(continued == Array(expected[12...]))
        let z = Tensor.ones([3, 4])
        #expect(resumed.sample(latents: z).scalars == uninterrupted.sample(latents: z).scalars)
    }

    @Test func lazyRegularizerRunsAtItsIntervalWithItsGain() throws {
        let counter = CountingRegularizer(schedule: .lazy(interval: 3))
        let pipeline = try Toy.builder().discriminatorSteps(2).regularizer(counter).build()
        var logged = 0
        for _ in 0..<5 {
            let s = try pipeline.step(on: Toy.data())
            if s.penalties["count"] != nil { logged += 1 }
        }
        #expect(counter.calls == [0, 3, 6, 9])
        #expect(counter.schedule.gain == 3)
        #expect(logged == 4)
    }

    @Test func generatorPhaseRegularizerRunsInTheGeneratorStep() throws {
        let counter = CountingRegularizer(schedule: .everyStep(.generator))
        let pipeline = try Toy.builder().discriminatorSteps(3).regularizer(counter).build()
        for _ in 0..<4 { _ = try pipeline.step(on: Toy.data()) }
        #expect(counter.calls == [0, 1, 2, 3])
    }

    @Test func emaSamplesDifferFromLiveWeightsAndLeaveThemUnchanged() throws {
        let pipeline = try Toy.builder().build()
        for _ in 0..<10 { _ = try pipeline.step(on: Toy.data()) }
        let z = Tensor.ones([2, 4])
        let live = Autodiff.withoutRecording { pipeline.generator(z) }.scalars
        let averaged = pipeline.sample(latents: z).scalars
        #expect(live != averaged)
        #expect(Autodiff.withoutRecording { pipeline.generator(z) }.scalars == live)
    }

    @Test func buildRejectsInvalidCombinationsWithReadableErrors() throws {
        var rng = RandomSource(seed: 1)
        let cases: [(PipelineBuilder, String)] = [
            (TrainingPipeline.builder().discriminator(ToyDiscriminator(using: &rng)), "no generator"),
            (Toy.builder().batchSize(0), "batch size must be ≥ 1"),
            (Toy.builder().regularizer(CountingRegularizer(schedule: .everyStep())).regularizer(CountingRegularizer(schedule: .everyStep())), "added twice"),
            (Toy.builder().optimizers(.adam(learningRate: -1)), "learning rate must be a positive number"),
            (Toy.builder().generatorEMA(decay: 1.5), "EMA decay"),
        ]
        for (builder, message) in cases {
            #expect {
                _ = try builder.build()
            } throws: { error in
                String(describing: error).contains(message)
            }
        }
    }

    @Test func dataOfTheWrongSizeIsRejected() throws {
        let pipeline = try Toy.builder().build()
        var rng = RandomSource(seed: 1)
        let wrong = TensorDataset(Tensor.uniform([10, 3, 2, 2], using: &rng))
        #expect(throws: GANCoreError.self) { try pipeline.step(on: wrong) }
    }

    /// A technique that freezes D's first block in `prepare`, as Freeze-D does.
    struct FreezeFirstBlock: TrainingTechnique {
        var name: String { "freeze-first" }
        func prepare(generator: any Generator, discriminator: any Discriminator) throws { discriminator.blocks[0].freeze() }
    }

    @Test func aTechniqueFreezesThroughPrepareBeforeTheOptimisersExist() throws {
        let pipeline = try Toy.builder().technique(FreezeFirstBlock()).build()
        let d = pipeline.discriminator as! ToyDiscriminator
        #expect(!pipeline.discriminatorOptimizer.parameters.contains { $0.0.hasPrefix("fc1.") })
        let frozen = d.fc1.weight.value.scalars, trained = d.fc2.weight.value.scalars
        for _ in 0..<3 { _ = try pipeline.step(on: Toy.data()) }
        #expect(d.fc1.weight.value.scalars == frozen)
        #expect(d.fc2.weight.value.scalars != trained)
    }

    static func weights(_ module: any Module) -> [String: [Float]] {
        Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.0, $0.1.value.scalars) })
    }

    @Test func loadWeightsCopiesTheNetworksButNotOptimiserStateCountersOrRandomness() throws {
        let data = Toy.data()
        let pretrained = try Toy.builder().build()
        for _ in 0..<5 { _ = try pretrained.step(on: data) }
        let fresh = try Toy.builder(seed: 99).build(), target = try Toy.builder(seed: 99).build()
        try target.loadWeights(from: try pretrained.snapshot())

        #expect(Self.weights(target.generator) == Self.weights(pretrained.generator))
        #expect(Self.weights(target.discriminator) == Self.weights(pretrained.discriminator))
        #expect(Self.weights(target.generator) != Self.weights(fresh.generator))
        #expect(target.generatorEMA!.averages.mapValues(\.scalars) == pretrained.generatorEMA!.averages.mapValues(\.scalars))
        #expect(target.generatorOptimizer.checkpointState.isEmpty && target.discriminatorOptimizer.checkpointState.isEmpty)
        #expect(target.iteration == 0 && target.discriminatorStepCount == 0 && target.imagesShown == 0)
        #expect(target.random == fresh.random && target.sampler == nil)
        // It trains on from there, and its first step is the fresh pipeline's step on other weights.
        let step = try target.step(on: data), freshStep = try fresh.step(on: data)
        #expect(step.iteration == 1 && step.withoutTiming != freshStep.withoutTiming)
    }

    @Test func loadWeightsRestartsTheEMAFromTheWeightsWhenTheSnapshotHasNone() throws {
        let pretrained = try Toy.builder().generatorEMA(decay: nil).build()
        for _ in 0..<3 { _ = try pretrained.step(on: Toy.data()) }
        let target = try Toy.builder(seed: 99).build()
        try target.loadWeights(from: try pretrained.snapshot())
        #expect(target.generatorEMA!.averages.mapValues(\.scalars) == Self.weights(pretrained.generator))
    }

    @Test func loadWeightsRejectsAMissingOrMisshapenTensorAndChangesNothing() throws {
        let source = try Toy.builder().build()
        let target = try Toy.builder(seed: 99).build()
        let before = Self.weights(target.generator)
        var missing = try source.snapshot()
        missing.tensors["discriminator.parameter.fc2.weight"] = nil
        #expect { try target.loadWeights(from: missing) } throws: { String(describing: $0).contains("discriminator.parameter.fc2.weight") }
        var misshapen = try source.snapshot()
        misshapen.tensors["generatorEMA.fc1.bias"] = Tensor.zeros([3])
        #expect { try target.loadWeights(from: misshapen) } throws: { String(describing: $0).contains("generatorEMA.fc1.bias") }
        #expect(Self.weights(target.generator) == before)
    }

    @Test func contextsCarryTheFakesBeforeAugmentation() throws {
        let probes = [FakeProbe(.discriminator), FakeProbe(.generator)]
        let pipeline = try Toy.builder().augmentation(Halving()).regularizer(probes[0]).regularizer(probes[1]).build()
        for _ in 0..<2 { _ = try pipeline.step(on: Toy.data()) }
        for probe in probes {
            #expect(probe.checks.count == 2)
            for check in probe.checks {
                #expect(check.isG && check.halvedIsInput)
                #expect(check.requiresGradient == (probe.schedule.phase == .generator))
            }
        }
    }
}

/// Checks, at each call, that `fakeImages` is G(latents) and that the fakes D saw are them halved.
private final class FakeProbe: Regularizer {
    struct Check { var isG: Bool, halvedIsInput: Bool, requiresGradient: Bool }
    let schedule: RegularizationSchedule
    private(set) var checks: [Check] = []
    init(_ phase: TrainingPhase) { schedule = .everyStep(phase) }
    var name: String { "probe-\(schedule.phase)" }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let images = try #require(context.fakeImages)
        let regenerated = Autodiff.withoutRecording { context.generator(context.latents) }
        checks.append(Check(isG: images.scalars == regenerated.scalars, halvedIsInput: (images * 0.5).scalars == context.fakeInputs.scalars,
                            requiresGradient: images.requiresGradient))
        return nil
    }
}

/// An augmentation that halves every image.
private final class Halving: Augmentation {
    var name: String { "halve" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) {}
    func apply(_ images: Tensor, _ parameters: Void) -> Tensor { images * 0.5 }
}
