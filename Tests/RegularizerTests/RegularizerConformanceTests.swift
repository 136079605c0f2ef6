import Foundation
import GANCore
import GANTestSupport
import RegularizerCR
import RegularizerDigGAN
import RegularizerLeCam
import RegularizerMS3D
import RegularizerPathLength
import RegularizerR1
import Testing

/// Every built-in regularizer meets `RegularizerConformance`'s contract (describing itself
/// included), and the check rejects penalties that break it.
@Suite struct RegularizerConformanceTests {
    @Test(arguments: [1, 4])
    func r1Conforms(interval: Int) throws {
        try RegularizerConformance.check { R1(gamma: 1, interval: interval) }
    }

    @Test(arguments: [MS3D.Field.real, .fake, .both])
    func ms3dConforms(field: MS3D.Field) throws {
        try RegularizerConformance.check { MS3D(weight: 1, field: field, interval: 2) }
    }

    /// From `startStep` 0 the penalty applies from the second D step, within the check's steps.
    /// The averages are plain numbers updated from this step's logits, a path the gradient
    /// leaves out by design and finite differences see; a slow decay (γ = 0.9999) makes that
    /// path 10⁻⁴ of the gradient, so the check measures the penalty's own gradient.
    @Test(arguments: [false, true])
    func leCamConforms(twoSided: Bool) throws {
        try RegularizerConformance.check { LeCam(decay: 0.9999, startStep: 0, twoSided: twoSided) }
    }

    @Test func digGANConforms() throws {
        try RegularizerConformance.check { DigGAN(weight: 1) }
    }

    /// With an augmentation DigGAN takes its norms on the augmented inputs through another path.
    @Test func digGANConformsUnderAnAugmentation() throws {
        try RegularizerConformance.check(fixture: RegularizationFixture(augmentation: RandomScaling())) { DigGAN(weight: 1) }
    }

    @Test func consistencyRegularizationConforms() throws {
        try RegularizerConformance.check { ConsistencyRegularization(weight: 1) }
        try RegularizerConformance.check { BalancedConsistencyRegularization(realWeight: 1, fakeWeight: 2) }
    }

    @Test(arguments: [LatentConsistencyRegularization.Term.discriminator, .generator])
    func latentConsistencyRegularizationConforms(term: LatentConsistencyRegularization.Term) throws {
        try RegularizerConformance.check { LatentConsistencyRegularization(term: term) }
    }

    /// Path length differentiates G's images with respect to its intermediate latents to
    /// second order: the fixture's and the toy pipeline's generators expose them.
    @Test(arguments: [1, 4])
    func pathLengthConforms(interval: Int) throws {
        try RegularizerConformance.check { PathLength(interval: interval) }
    }

    /// The scaffold's old test only looked for a finite penalty in a toy pipeline's statistics,
    /// which such a penalty passes; the conformance check sees that it cannot train D.
    @Test func rejectsAGradientPenaltyTakenWithoutCreateGraph() throws {
        let statistics = try Toy.builder().regularizer(UntrainableGradientPenalty()).build().step(on: Toy.data())
        #expect(statistics.penalties["untrainable"].map(\.isFinite) == true)

        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { UntrainableGradientPenalty() }
        }
        #expect(failure.requirements == [.trainsItsNetwork], "\(failure)")
        #expect(failure.description.contains("createGraph: false"))
    }

    @Test func rejectsAPenaltyWhoseGradientIsHalfCut() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { HalfDetachedPenalty() }
        }
        #expect(failure.requirements == [.gradientMatchesFiniteDifferences], "\(failure)")
    }

    @Test func rejectsAPenaltyWhoseStateIsNotSaved() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { UnsavedCounterPenalty() }
        }
        // Its finite differences move with the count too.
        #expect(failure.requirements == [.stateRoundTrips, .gradientMatchesFiniteDifferences], "\(failure)")
    }

    @Test func rejectsAScheduleThatChangesWhileTraining() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { DriftingSchedulePenalty() }
        }
        #expect(failure.requirements == [.honoursSchedule], "\(failure)")
    }

    @Test func rejectsAPenaltyThatNeverApplies() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { LeCam(startStep: 1000) }
        }
        #expect(failure.requirements == [.applies], "\(failure)")
    }

    @Test func rejectsAConfigurablePenaltyThatDoesNotDescribeItself() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { UndescribedConfigurablePenalty() }
        }
        #expect(failure.requirements == [.describesItself], "\(failure)")
        #expect(failure.description.contains("not a DescribableComponent"))
    }

    @Test func rejectsADescriptionThatLosesAnOption() throws {
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { ForgetfulIntervalPenalty(interval: 2) }
        }
        #expect(failure.requirements == [.describesItself], "\(failure)")
        #expect(failure.description.contains("schedule"))
        // Described with the interval it was built with, it passes.
        try RegularizerConformance.check { ForgetfulIntervalPenalty(interval: 1) }
    }

    @Test func rejectsAMakeThatReturnsOneInstance() throws {
        let shared = R1(gamma: 1)
        let failure = try #require(throws: RegularizerConformance.Failure.self) {
            try RegularizerConformance.check { shared }
        }
        #expect(failure.requirements == [.stateRoundTrips], "\(failure)")
    }
}

/// R1's formula with the input gradient taken with `createGraph: false`: a constant to D's
/// optimiser.
private final class UntrainableGradientPenalty: Regularizer {
    let schedule = RegularizationSchedule.everyStep()
    var name: String { "untrainable" }
    var needsRealImageGradient: Bool { true }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let reals = try #require(context.realImages), logits = try #require(context.realLogits)
        let gradient = try logits.sum().gradients(wrt: [reals], createGraph: false)[0]
        return gradient.squared().sum() * (1 / Float(gradient.shape[0]))
    }
}

/// mean(D(x))² written as mean(D(x)) · detached mean(D(x)): it trains D, at half the gradient.
private final class HalfDetachedPenalty: Regularizer {
    let schedule = RegularizationSchedule.everyStep()
    var name: String { "half-detached" }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let mean = try #require(context.realLogits).mean()
        return mean * mean.detached()
    }
}

/// mean(D(x)²) times the number of calls so far, a count it does not save.
private final class UnsavedCounterPenalty: Regularizer {
    let schedule = RegularizationSchedule.everyStep()
    private var calls = 0
    var name: String { "unsaved-counter" }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        calls += 1
        return try #require(context.realLogits).squared().mean() * Float(calls)
    }
}

/// mean(D(x)²) whose interval grows by one with every call: a schedule read from changing state.
private final class DriftingSchedulePenalty: Regularizer {
    private var calls = 0
    var schedule: RegularizationSchedule { .lazy(interval: calls + 1) }
    var name: String { "drifting" }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        calls += 1
        return try #require(context.realLogits).squared().mean()
    }
    func encodeState() throws -> Data? { try encode(calls) }
    func restoreState(from data: Data) throws { calls = try decode(Int.self, from: data, component: name) }
}

/// mean(D(x)²), nameable in a configuration (`"undescribed-configurable"`) but without
/// `DescribableComponent`.
private final class UndescribedConfigurablePenalty: Regularizer, ConfigurableComponent {
    static let kind = "undescribed-configurable"
    let schedule = RegularizationSchedule.everyStep()
    var name: String { Self.kind }
    init() {}
    init(options: NoOptions, context: ComponentBuildContext) {}
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        try #require(context.realLogits).squared().mean()
    }
}

/// mean(D(x)²) every `interval` D steps, describing itself without its interval.
private final class ForgetfulIntervalPenalty: Regularizer, DescribableComponent {
    struct Options: ComponentOptions {
        var interval = 1
        init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case interval }
        static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }
    static let kind = "forgetful-interval"
    let schedule: RegularizationSchedule
    var name: String { Self.kind }
    var options: Options { Options() }
    init(interval: Int) { schedule = .lazy(.discriminator, interval: interval) }
    convenience init(options: Options, context: ComponentBuildContext) { self.init(interval: options.interval) }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        try #require(context.realLogits).squared().mean()
    }
}

/// Scales each image by a factor drawn from [0.5, 1.5).
private final class RandomScaling: Augmentation {
    var name: String { "scaling" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> [Float] {
        (0..<batch).map { _ in rng.uniform() + 0.5 }
    }
    func apply(_ images: Tensor, _ parameters: [Float]) -> Tensor {
        images * Tensor(shape: [parameters.count, 1, 1, 1], values: parameters)
    }
}
