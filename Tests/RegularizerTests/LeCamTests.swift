import Foundation
import GANCore
import GANTestSupport
import RegularizerLeCam
import Testing

/// LeCam: docs/methods.md's worked example, the EMA update and start step, the checkpointed state,
/// and the penalty's gradient through D.
@Suite struct LeCamTests {
    /// A D-phase context at D step `step` whose logits are the given values.
    static func context(real: [Float], fake: [Float], step: Int) -> RegularizationContext {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 1)
        let reals = Contexts.batch(real.count, seed: 2), fakes = Contexts.batch(fake.count, seed: 3)
        return RegularizationContext(
            phase: .discriminator, iteration: step, phaseStep: step,
            generator: UnusedGenerator(), discriminator: FunctionalDiscriminator(w1, w2), augment: { x, _ in x },
            realImages: reals, realInputs: reals, realLogits: Tensor(real),
            latents: Tensor.zeros([fake.count, 2]), fakeInputs: fakes, fakeLogits: Tensor(fake), random: RandomSource(seed: 1))
    }

    @Test func workedExampleGivesTheReferenceValue() {
        let r = LeCam.penalty(realLogits: Tensor([0.5, 1.5, -0.2]), fakeLogits: Tensor([-1.0, 0.3]), emaReal: 0.4, emaFake: -0.6)
        #expect(abs(r.item - 2.9116667) < 1e-6)
    }

    /// real − ema_fake = [−0.7, 0.2], ema_real − fake = [−0.4]: the relus drop the negative gaps.
    @Test func oneSidedDropsNegativeGapsAndTwoSidedKeepsThem() {
        let real = Tensor([-0.7, 0.2]), fake = Tensor([0.9])
        let one = LeCam.penalty(realLogits: real, fakeLogits: fake, emaReal: 0.5, emaFake: 0)
        let two = LeCam.penalty(realLogits: real, fakeLogits: fake, emaReal: 0.5, emaFake: 0, twoSided: true)
        #expect(abs(one.item - 0.02) < 1e-6)
        #expect(abs(two.item - (0.49 + 0.04) / 2 - 0.16) < 1e-6)
    }

    @Test func averagesTrackTheLastBatchBeforeTheStartStepAndDecayFromIt() throws {
        let lecam = LeCam(weight: 2, decay: 0.5, startStep: 3)
        #expect(lecam.emaReal == 0 && lecam.emaFake == 0)
        let batches: [([Float], [Float])] = [([1, 3], [-1]), ([0.5, 0.5], [2]), ([4, 0], [-3]), ([1, 1], [1]), ([2, -2], [-1])]
        var penalties: [Tensor?] = []
        for (step, (real, fake)) in batches.enumerated() {
            var context = Self.context(real: real, fake: fake, step: step)
            penalties.append(try lecam.penalty(&context))
            #expect(context.metrics["lecam.emaReal"] == lecam.emaReal && context.metrics["lecam.emaFake"] == lecam.emaFake)
            if step < 3 {
                // γ = 0: the averages are the last batch's means.
                #expect(lecam.emaReal == Double(real.reduce(0, +)) / Double(real.count))
                #expect(lecam.emaFake == Double(fake[0]))
            }
        }
        // Step 3 (γ = 0.5 from here): ½·2 + ½·1 = 1.5 and ½·(−3) + ½·1 = −1; step 4: ½·1.5 + ½·0 = 0.75, ½·(−1) + ½·(−1) = −1.
        #expect(lecam.emaReal == 0.75 && lecam.emaFake == -1)
        // Nil up to and including the start step; at step 4, λ·R at the averages after this
        // step's update: 2·(mean(relu([2, −2] + 1)²) + relu(0.75 + 1)²) = 2·(4.5 + 3.0625).
        #expect(penalties.prefix(4).allSatisfy { $0 == nil })
        let last = try #require(penalties[4])
        #expect(abs(last.item - 15.125) < 1e-5)
    }

    @Test func aStartStepOfZeroPenalisesFromTheSecondStep() throws {
        let lecam = LeCam(startStep: 0)
        var first = Self.context(real: [1], fake: [-1], step: 0)
        #expect(try lecam.penalty(&first) == nil)
        var second = Self.context(real: [1], fake: [-1], step: 1)
        #expect(try lecam.penalty(&second) != nil)
    }

    @Test func averagesSurviveAStateRoundTrip() throws {
        let lecam = LeCam(decay: 0.9, startStep: 1)
        for step in 0..<4 {
            var context = Self.context(real: [Float(step), 0.3], fake: [-Float(step)], step: step)
            _ = try lecam.penalty(&context)
        }
        let data = try #require(try lecam.encodeState())
        let restored = LeCam(decay: 0.9, startStep: 1)
        try restored.restoreState(from: data)
        #expect(restored.emaReal == lecam.emaReal && restored.emaFake == lecam.emaFake)
        #expect(lecam.emaReal != 0 && lecam.emaFake != 0)
        #expect(throws: GANCoreError.self) { try restored.restoreState(from: Data("{\"emaReal\": 1}".utf8)) }
    }

    @Test func aResumedPipelineContinuesBitIdentically() throws {
        let data = Toy.data()
        func builder(seed: UInt64 = 11) -> PipelineBuilder { Toy.builder(seed: seed).seed(11).regularizer(LeCam(startStep: 2)) }
        let whole = try builder().build()
        let expected = try (0..<8).map { _ in try whole.step(on: data).withoutTiming }
        #expect(expected[3...].allSatisfy { $0.penalties["lecam"] != nil })

        let first = try builder().build()
        for _ in 0..<4 { _ = try first.step(on: data) }
        let resumed = try builder(seed: 99).build()
        try resumed.restore(try first.snapshot())
        let continued = try (4..<8).map { _ in try resumed.step(on: data).withoutTiming }
        #expect(continued == Array(expected[4...]))
    }

    /// Logits stay ≥ 0.1 away from the relu kinks at the averages.
    @Test(arguments: [false, true])
    func penaltyGradientWithRespectToWeightsMatchesFiniteDifferences(twoSided: Bool) throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 1)
        let reals = Contexts.batch(4, seed: 6), fakes = Contexts.batch(3, seed: 7)
        let (emaReal, emaFake): (Float, Float) = (0.1, -0.2)
        let d = FunctionalDiscriminator(w1, w2)
        let gaps = (d(reals).scalars.map { $0 - emaFake }) + d(fakes).scalars.map { emaReal - $0 }
        try #require(gaps.allSatisfy { abs($0) > 0.1 } && gaps.contains { $0 > 0 } && gaps.contains { $0 < 0 }, "\(gaps)")
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            let d = FunctionalDiscriminator(w[0], w[1])
            return LeCam.penalty(realLogits: d(reals), fakeLogits: d(fakes), emaReal: emaReal, emaFake: emaFake, twoSided: twoSided)
        }
        #expect(report.relativeError < 2e-3, "\(report)")
    }
}
