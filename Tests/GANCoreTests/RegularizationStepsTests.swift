import GANCore
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// `RegularizationSteps.separate`: a due lazy penalty is an optimiser step of its own after its
/// phase's main step, as stylegan2-ada-pytorch's 'Dreg' and 'Greg' phases.
@Suite struct RegularizationStepsTests {
    /// mean D(real)² in the discriminator phase, recording what it was called with and the
    /// gradient of the same penalty with respect to D's parameters, computed on its own pass.
    final class RecordingPenalty: Regularizer {
        let name: String
        let schedule: RegularizationSchedule
        var reals: [[Float]] = []
        var weightsAtCall: [[Float]] = []
        var independentGradient: [[Float]] = []
        init(name: String, schedule: RegularizationSchedule) {
            self.name = name
            self.schedule = schedule
        }
        var needsRealImageGradient: Bool { false }
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
            guard let realLogits = context.realLogits, let realImages = context.realImages else { return nil }
            reals.append(realImages.scalars)
            let parameters = context.discriminator.parameters().map(\.value)
            weightsAtCall.append(parameters.flatMap(\.scalars))
            let own = context.discriminator(realImages.detached()).squared().mean()
            independentGradient.append(try own.gradients(wrt: parameters).flatMap(\.scalars))
            return realLogits.squared().mean()
        }
    }

    private static func weights(_ module: any Module) -> [Float] { module.parameters().flatMap(\.value.scalars) }

    @Test func aDueLazyDiscriminatorPenaltyIsAStepOfItsOwnOnTheMainStepsRealsAfterIt() throws {
        let lazy = RecordingPenalty(name: "lazy", schedule: RegularizationSchedule(phase: .discriminator, interval: 2, rescalesOptimizer: true))
        let everyStep = RecordingPenalty(name: "every", schedule: .everyStep(.discriminator))
        let lr = 0.1, c = 2.0 / 3.0
        let pipeline = try Toy.builder().optimizers(.sgd(learningRate: lr)).regularizationSteps(.separate)
            .regularizer(lazy).regularizer(everyStep).build()
        let before = Self.weights(pipeline.discriminator)
        _ = try pipeline.step(on: Toy.data())
        // The every-step penalty ran in the main step, on D as it was; the lazy one after it, on the same reals.
        #expect(everyStep.weightsAtCall == [before])
        #expect(lazy.reals == everyStep.reals && lazy.reals.count == 1)
        let afterMain = try #require(lazy.weightsAtCall.first)
        #expect(afterMain != before)
        // D's final weights are one SGD step (lr·c, gain 2) on the lazy penalty from where the main step left them.
        let gradient = try #require(lazy.independentGradient.first)
        let expected = zip(afterMain, gradient).map { $0 - Float(lr * c * 2) * $1 }
        let final = Self.weights(pipeline.discriminator)
        #expect(zip(final, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
        // Not due at the second step: one step only, so the weights move by the main step alone.
        _ = try pipeline.step(on: Toy.data())
        #expect(lazy.reals.count == 1 && everyStep.reals.count == 2)
    }

    @Test func foldedPenaltiesJoinTheMainStepOnTheNetworksAsTheyWere() throws {
        let lazy = RecordingPenalty(name: "lazy", schedule: RegularizationSchedule(phase: .discriminator, interval: 2, rescalesOptimizer: true))
        let pipeline = try Toy.builder().optimizers(.sgd(learningRate: 0.1)).regularizer(lazy).build()
        let before = Self.weights(pipeline.discriminator)
        _ = try pipeline.step(on: Toy.data())
        #expect(lazy.weightsAtCall == [before])
    }

    @Test func eachSeparateStepIsOneMoreAdamStepOfItsPhase() throws {
        let schedule = RegularizationSchedule(phase: .generator, interval: 2, rescalesOptimizer: true)
        func adamSteps(_ optimizer: any Optimizer) -> Set<Int?> { Set(optimizer.checkpointState.values.map(\.step)) }
        func pipeline(_ steps: RegularizationSteps, _ penalty: any Regularizer) throws -> TrainingPipeline {
            try Toy.builder().optimizers(.adam()).regularizationSteps(steps)
                .regularizer(R1Like(interval: 4)).regularizer(penalty).build()
        }
        let separate = try pipeline(.separate, PathLengthLike(schedule: schedule))
        for _ in 0..<4 { _ = try separate.step(on: Toy.data()) }
        // G: 4 main steps + 2 regularisation steps (iterations 0 and 2); D: 4 + 1 (D step 0).
        #expect(adamSteps(separate.generatorOptimizer) == [6] && adamSteps(separate.discriminatorOptimizer) == [5])
        let folded = try pipeline(.folded, PathLengthLike(schedule: schedule))
        for _ in 0..<4 { _ = try folded.step(on: Toy.data()) }
        #expect(adamSteps(folded.generatorOptimizer) == [4] && adamSteps(folded.discriminatorOptimizer) == [4])
        // A regularisation step whose penalties are all nil takes no step.
        let silent = try pipeline(.separate, CountingRegularizer(schedule: schedule))
        for _ in 0..<4 { _ = try silent.step(on: Toy.data()) }
        #expect(adamSteps(silent.generatorOptimizer) == [4])
    }

    @Test func aGeneratorRegularisationStepDrawsFreshLatentsAndSeesGAfterItsMainStep() throws {
        let lazy = PathLengthLike(name: "lazy", schedule: RegularizationSchedule(phase: .generator, interval: 1, rescalesOptimizer: true))
        let main = PathLengthLike(name: "main", schedule: .everyStep(.generator))
        let pipeline = try Toy.builder().optimizers(.sgd(learningRate: 0.1)).regularizationSteps(.separate)
            .regularizer(lazy).regularizer(main).build()
        let before = Self.weights(pipeline.generator)
        _ = try pipeline.step(on: Toy.data())
        #expect(main.generatorWeights == [before])
        let seen = try #require(lazy.generatorWeights.first)
        #expect(lazy.generatorWeights.count == 1 && seen != before && seen != Self.weights(pipeline.generator))
        #expect(lazy.latents.count == 1 && lazy.latents != main.latents)
    }
}

/// A lazy D penalty like R1's (mean D(real)², every `interval` D steps, with the correction).
private final class R1Like: Regularizer {
    let schedule: RegularizationSchedule
    init(interval: Int) { schedule = RegularizationSchedule(phase: .discriminator, interval: interval, rescalesOptimizer: true) }
    var name: String { "r1-like" }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? { context.realLogits.map { $0.squared().mean() } }
}

/// A G penalty on G's images of the context's latents (mean G(z)²), recording G's weights and
/// the latents when called.
private final class PathLengthLike: Regularizer {
    let schedule: RegularizationSchedule
    let name: String
    var generatorWeights: [[Float]] = []
    var latents: [[Float]] = []
    init(name: String = "path-length-like", schedule: RegularizationSchedule) {
        self.name = name
        self.schedule = schedule
    }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        generatorWeights.append(context.generator.parameters().flatMap(\.value.scalars))
        latents.append(context.latents.scalars)
        return context.generator(context.latents).squared().mean()
    }
}
