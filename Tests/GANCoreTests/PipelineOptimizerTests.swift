import Foundation
import GANCore
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// The optimiser as a choice (Adam, SGD), StyleGAN2's lazy correction per phase, and schedules
/// that count iterations.
@Suite struct PipelineOptimizerTests {
    @Test func theConfiguredKindOfOptimiserUpdatesEachNetwork() throws {
        let pipeline = try Toy.builder().optimizers(generator: .sgd(learningRate: 0.05, momentum: 0.5),
                                                    discriminator: .adam()).build()
        let g = try #require(pipeline.generatorOptimizer as? SGD)
        #expect(g.learningRate == 0.05 && g.momentum == 0.5)
        #expect(pipeline.discriminatorOptimizer is Adam)
        let before = TrainingPipelineTests.weights(pipeline.generator)
        _ = try pipeline.step(on: Toy.data())
        #expect(TrainingPipelineTests.weights(pipeline.generator) != before)
        #expect(pipeline.generatorOptimizer.checkpointState.values.allSatisfy { $0.step == nil && $0.buffers.keys.sorted() == ["momentum"] })
    }

    @Test func anSGDRunResumesBitIdenticallyFromItsSnapshot() throws {
        let data = Toy.data()
        func builder(_ seed: UInt64) -> PipelineBuilder {
            Toy.builder(seed: seed).seed(11).optimizers(.sgd(learningRate: 0.05, momentum: 0.9))
        }
        let uninterrupted = try builder(11).build()
        let expected = try (0..<8).map { _ in try uninterrupted.step(on: data).withoutTiming }
        let first = try builder(11).build()
        for _ in 0..<3 { _ = try first.step(on: data) }
        let snapshot = try first.snapshot()
        #expect(snapshot.tensors.keys.contains { $0.hasPrefix("optimizer.discriminator.momentum.") })
        let resumed = try builder(99).build()
        try resumed.restore(snapshot)
        let continued = try (3..<8).map { _ in try resumed.step(on: data).withoutTiming }
        #expect(continued == Array(expected[3...]))
    }

    @Test func restoringAnotherOptimisersStateIsAnErrorNamingTheTensor() throws {
        let adam = try Toy.builder().build()
        _ = try adam.step(on: Toy.data())
        let sgd = try Toy.builder().optimizers(.sgd(learningRate: 0.01, momentum: 0.9)).build()
        #expect {
            try sgd.restore(try adam.snapshot())
        } throws: { error in
            let text = String(describing: error)
            return text.contains("optimizer.") && text.contains("another optimiser")
        }
    }

    @Test func eachPhaseGetsTheLazyCorrectionOfItsOwnRegularizers() throws {
        let lazyG = RegularizationSchedule(phase: .generator, interval: 4, rescalesOptimizer: true)
        let pipeline = try Toy.builder().optimizers(.adam(learningRate: 1e-3, betas: (0.5, 0.99)))
            .regularizer(CountingRegularizer(name: "g", schedule: lazyG)).build()
        let g = try #require(pipeline.generatorOptimizer as? Adam), d = try #require(pipeline.discriminatorOptimizer as? Adam)
        let c = 4.0 / 5.0
        #expect(g.learningRate == 1e-3 * c && g.betas.0 == pow(0.5, c) && g.betas.1 == pow(0.99, c))
        #expect(d.learningRate == 1e-3 && d.betas.0 == 0.5 && d.betas.1 == 0.99)
    }

    @Test func theCorrectionOfAnIterationCountedScheduleIsInDiscriminatorSteps() throws {
        let schedule = RegularizationSchedule(phase: .discriminator, interval: 2, rescalesOptimizer: true, counting: .iterations)
        let pipeline = try Toy.builder().discriminatorSteps(3).optimizers(.sgd(learningRate: 0.1, momentum: 0.5))
            .regularizer(CountingRegularizer(schedule: schedule)).build()
        let d = try #require(pipeline.discriminatorOptimizer as? SGD)
        let c = 6.0 / 7.0
        #expect(d.learningRate == 0.1 * c && d.momentum == pow(0.5, c))
    }

    @Test func regularizersOfAPhaseAskingForDifferentCorrectionsAreRejectedAtBuild() throws {
        let builder = Toy.builder()
            .regularizer(CountingRegularizer(name: "a", schedule: RegularizationSchedule(phase: .discriminator, interval: 16, rescalesOptimizer: true)))
            .regularizer(CountingRegularizer(name: "b", schedule: RegularizationSchedule(phase: .discriminator, interval: 8, rescalesOptimizer: true)))
        #expect {
            _ = try builder.build()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("'a' (every 16 discriminator steps)") && text.contains("'b' (every 8)") && text.contains("same interval")
        }
        // The same interval in both is one correction.
        _ = try Toy.builder()
            .regularizer(CountingRegularizer(name: "a", schedule: RegularizationSchedule(phase: .discriminator, interval: 16, rescalesOptimizer: true)))
            .regularizer(CountingRegularizer(name: "b", schedule: RegularizationSchedule(phase: .discriminator, interval: 16, rescalesOptimizer: true)))
            .build()
    }

    @Test func anInvalidSGDMomentumIsRejectedAtBuild() throws {
        #expect {
            _ = try Toy.builder().optimizers(.sgd(learningRate: 0.1, momentum: 1)).build()
        } throws: { String(describing: $0).contains("SGD momentum must lie in [0, 1), got 1.0") }
    }

    @Test func aScheduleCountingIterationsRunsOnTheFirstDiscriminatorStepOfEveryKthIteration() throws {
        let counter = CountingRegularizer(schedule: RegularizationSchedule(phase: .discriminator, interval: 2, gain: 1, counting: .iterations))
        let pipeline = try Toy.builder().discriminatorSteps(3).regularizer(counter).build()
        for _ in 0..<5 { _ = try pipeline.step(on: Toy.data()) }
        // D steps 0, 6 and 12 are the first steps of iterations 0, 2 and 4.
        #expect(counter.calls == [0, 6, 12])
    }
}
