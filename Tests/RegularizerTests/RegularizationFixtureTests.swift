import GANCore
import GANTestSupport
import RegularizerR1
import Testing

/// `RegularizationFixture` builds its contexts as the pipeline builds a step's.
@Suite struct RegularizationFixtureTests {
    @Test func aDiscriminatorStepHasRealsDetachedFakesAndDsLogitsOnThem() throws {
        let fixture = RegularizationFixture()
        let context = fixture.context(for: R1(gamma: 1), step: 3)
        let reals = try #require(context.realImages), fakes = try #require(context.fakeImages)
        #expect(reals.requiresGradient && !fakes.requiresGradient)
        #expect(reals.shape == [4, 1, 4, 4] && context.latents.shape == [4, 2] && context.phaseStep == 3)
        let d = fixture.discriminator()
        #expect(try #require(context.realLogits).scalars == d(reals).scalars)
        #expect(context.fakeLogits.scalars == d(fakes).scalars)
        #expect(fakes.scalars == fixture.generator()(context.latents).scalars)
        #expect(reals.scalars == fixture.reals(step: 3).scalars && context.latents.scalars == fixture.latents(step: 3).scalars)
    }

    @Test func theSameStepGivesTheSameBatchAndAnotherStepAnother() {
        let fixture = RegularizationFixture()
        #expect(fixture.reals(step: 1).scalars == RegularizationFixture().reals(step: 1).scalars)
        #expect(fixture.reals(step: 1).scalars != fixture.reals(step: 2).scalars)
        #expect(fixture.reals(step: 1).scalars != RegularizationFixture(seed: 2).reals(step: 1).scalars)
    }

    @Test func aGeneratorStepHasFakesConnectedToGAndNoReals() throws {
        let fixture = RegularizationFixture()
        let context = fixture.context(phase: .generator, step: 0)
        #expect(context.realImages == nil && context.realLogits == nil)
        let fakes = try #require(context.fakeImages)
        let gradients = try fakes.sum().gradients(wrt: fixture.generatorWeights)
        #expect(gradients[0].scalars.contains { $0 != 0 })
    }

    @Test func theAugmentationIsAppliedToDsInputs() throws {
        let fixture = RegularizationFixture(augmentation: Halving())
        let context = fixture.context(step: 0)
        let reals = try #require(context.realImages), inputs = try #require(context.realInputs)
        #expect(inputs.scalars == (reals * 0.5).scalars)
        #expect(context.fakeInputs.scalars == (try #require(context.fakeImages) * 0.5).scalars)
    }

    @Test func aPenaltyOnTheContextDifferentiatesToTheFixturesWeights() throws {
        let fixture = RegularizationFixture()
        var context = fixture.context(for: R1(gamma: 1), step: 0)
        let penalty = try #require(try R1(gamma: 1).penalty(&context))
        let gradients = try penalty.gradients(wrt: fixture.discriminatorWeights)
        #expect(gradients.count == 2 && gradients.allSatisfy { $0.scalars.contains { $0 != 0 } })
    }
}

/// Halves every image.
private final class Halving: Augmentation {
    var name: String { "halve" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) {}
    func apply(_ images: Tensor, _ parameters: Void) -> Tensor { images * 0.5 }
}
