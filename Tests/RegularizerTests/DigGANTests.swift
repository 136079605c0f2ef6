import Foundation
import GANCore
import GANTestSupport
import RegularizerDigGAN
import Testing

/// DigGAN: hand-computed penalties, the EMA of eq. 3, sample pairing, the once-per-G-step
/// rule, the gradient through D's weights and the checkpointed state.
@Suite struct DigGANTests {
    /// D(x) = (s/2)·‖x‖² per sample, so ∂D/∂x = s·x and each norm is |s|·‖x‖ by hand.
    final class QuadraticDiscriminator: Discriminator {
        let scale: Tensor
        let inputSize = ImageSize(channels: 1, height: 4, width: 4)
        init(scale: Tensor = Tensor(1)) { self.scale = scale }
        var blocks: [any Module] { [] }
        func callAsFunction(_ x: Tensor) -> Tensor { features(x).sum(axes: [1], keepDims: true) * scale * 0.5 }
        /// The squared pixels, [N, 16], which the head sums.
        func features(_ x: Tensor) -> Tensor { x.squared().flattened() }
    }

    /// A [N, 1, 4, 4] batch whose sample i starts with `rows[i]` and is zero after it.
    static func batch(_ rows: [[Float]]) -> Tensor {
        Tensor(shape: [rows.count, 1, 4, 4], values: rows.flatMap { $0 + Array(repeating: 0, count: 16 - $0.count) })
    }

    /// A D-phase context on `d` whose real inputs are `realInputs`; when `augmentedFrom` is
    /// given, the reals are those images (requiring a gradient) and `realInputs` must be
    /// computed from them, so the main pass is connected as in a pipeline with augmentation.
    static func context(_ d: any Discriminator, reals: Tensor, fakes: Tensor, realImages: Tensor? = nil) -> RegularizationContext {
        let n = reals.shape[0]
        return RegularizationContext(
            phase: .discriminator, iteration: 0, phaseStep: 0,
            generator: UnusedGenerator(), discriminator: d, augment: { x, _ in x },
            realImages: realImages ?? reals, realInputs: reals, realLogits: d(reals).reshaped([n]),
            latents: Tensor.zeros([fakes.shape[0], 2]), fakeInputs: fakes, fakeLogits: d(fakes).reshaped([fakes.shape[0]]),
            random: RandomSource(seed: 1))
    }

    /// The checkpoint JSON of a DigGAN holding `averages`.
    static func state(_ averages: DigGAN.Averages) throws -> Data { try JSONEncoder().encode(["averages": averages]) }

    // Real norms 5 and 1, fake norms 10 and 2; then real 13 and 5, fake 2 and 7.
    static var firstReals: Tensor { batch([[3, 4], [1]]) }
    static var firstFakes: Tensor { batch([[0, 6, 8], [2]]) }
    static var secondReals: Tensor { batch([[5, 12], [0, 3, 4]]) }
    static var secondFakes: Tensor { batch([[2], [0, 0, 0, 7]]) }

    @Test func firstPenaltyIsLambdaTimesTheMeanSquaredGapOfPairedNorms() throws {
        let diggan = DigGAN(weight: 2)
        var c = Self.context(QuadraticDiscriminator(), reals: Self.firstReals, fakes: Self.firstFakes)
        let penalty = try #require(try diggan.penalty(&c))
        // 2 · ((10 − 5)² + (2 − 1)²)/2 = 26; the gap of the means would give 2 · (6 − 3)² = 18.
        #expect(abs(penalty.item - 26) < 1e-4)
        #expect(diggan.averages == DigGAN.Averages(real: [5, 1], fake: [10, 2]))
        #expect(abs(c.metrics["diggan.realNorm"]! - 3) < 1e-5 && abs(c.metrics["diggan.fakeNorm"]! - 6) < 1e-5)
    }

    @Test func pairsSampleIWithSampleINotTheSortedNorms() throws {
        // Swapping the fakes changes the pairing: ((2 − 5)² + (10 − 1)²)/2 = 45.
        var c = Self.context(QuadraticDiscriminator(), reals: Self.firstReals, fakes: Self.batch([[2], [0, 6, 8]]))
        #expect(abs(try DigGAN(weight: 1).penalty(&c)!.item - 45) < 1e-4)
    }

    @Test func normsAreTakenOnATanhNetworkAsComputedByHand() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 21)
        let reals = Contexts.batch(3, seed: 22), fakes = Contexts.batch(3, seed: 23)
        var c = Contexts.discriminatorPhase(FunctionalDiscriminator(w1, w2), reals: reals, fakes: fakes)
        let penalty = try #require(try DigGAN(weight: 3).penalty(&c))
        // ∂D/∂x = W1ᵀ (w2 ⊙ (1 − tanh²(W1 x))), in Double.
        let a = w1.scalars.map(Double.init), b = w2.scalars.map(Double.init)
        func norm(_ x: ArraySlice<Float>) -> Double {
            let x = Array(x).map(Double.init)
            var g = [Double](repeating: 0, count: 16)
            for h in 0..<6 {
                let t = Foundation.tanh((0..<16).reduce(0) { $0 + a[h * 16 + $1] * x[$1] })
                for j in 0..<16 { g[j] += a[h * 16 + j] * b[h] * (1 - t * t) }
            }
            return g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        let r = reals.scalars, f = fakes.scalars
        let expected = 3 * (0..<3).reduce(0.0) { sum, i in
            let gap = norm(f[(i * 16)..<(i * 16 + 16)]) - norm(r[(i * 16)..<(i * 16 + 16)])
            return sum + gap * gap
        } / 3
        #expect(abs(Double(penalty.item) - expected) <= 1e-4 * max(expected, 1e-3), "\(penalty.item) vs \(expected)")
    }

    @Test(arguments: [(Float(0.5), 5.625), (0.25, 1.28125), (1, 62.5)])
    func laterPenaltiesUseTheMovingAverageOfEquationThree(alpha: Float, expected: Double) throws {
        let diggan = DigGAN(weight: 1, alpha: alpha)
        var first = Self.context(QuadraticDiscriminator(), reals: Self.firstReals, fakes: Self.firstFakes)
        _ = try diggan.penalty(&first)
        var second = Self.context(QuadraticDiscriminator(), reals: Self.secondReals, fakes: Self.secondFakes)
        let penalty = try #require(try diggan.penalty(&second))
        // g ← (1 − α)·g_prev + α·n with g_prev = (5, 1 | 10, 2) and n = (13, 5 | 2, 7).
        let a = Double(alpha)
        let real = [(1 - a) * 5 + a * 13, (1 - a) * 1 + a * 5], fake = [(1 - a) * 10 + a * 2, (1 - a) * 2 + a * 7]
        #expect(abs(Double(penalty.item) - expected) < 1e-4)
        for (value, reference) in zip(diggan.averages!.real + diggan.averages!.fake, real + fake) {
            #expect(abs(Double(value) - reference) < 1e-5)
        }
    }

    @Test func isDueOncePerIterationOnTheFirstDiscriminatorStep() throws {
        let schedule = DigGAN().schedule
        #expect(schedule == .oncePerIteration(.discriminator) && schedule.gain == 1 && !schedule.rescalesOptimizer)
        // Three D steps per iteration: phase steps 0, 3, 6 are the first of iterations 0, 1, 2.
        let due = (0..<9).filter { schedule.isDue(phaseStep: $0, iteration: $0 / 3, stepInIteration: $0 % 3) }
        #expect(due == [0, 3, 6])
    }

    /// The norms are those of the gradient w.r.t. what D reads: with an augmentation x ↦ 2x the
    /// real norms are ‖2x‖ (not the 4‖x‖ of the gradient w.r.t. the un-augmented images),
    /// whether the main pass is connected to the images, shares them or is cut from them.
    @Test func realNormsAreTakenWithRespectToTheAugmentedInputs() throws {
        let d = QuadraticDiscriminator()
        let images = Self.firstReals.requiringGradient()
        var connected = Self.context(d, reals: images * 2, fakes: Self.firstFakes, realImages: images)
        var constant = Self.context(d, reals: Self.firstReals * 2, fakes: Self.firstFakes, realImages: Self.firstReals)
        let shared = Self.firstReals.detached().requiringGradient() * 2
        var unaugmented = Self.context(d, reals: shared, fakes: Self.firstFakes, realImages: shared)
        // Real norms 10 and 2 equal the fake norms.
        #expect(try DigGAN(weight: 1).penalty(&connected)!.item < 1e-8)
        #expect(try DigGAN(weight: 1).penalty(&constant)!.item < 1e-8)
        #expect(try DigGAN(weight: 1).penalty(&unaugmented)!.item < 1e-8)
    }

    @Test(arguments: [false, true])
    func penaltyGradientWithRespectToWeightsMatchesFiniteDifferences(withHistory: Bool) throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 13)
        let reals = Contexts.batch(3, seed: 14), fakes = Contexts.batch(3, seed: 15)
        let history = try Self.state(DigGAN.Averages(real: [0.3, 1.2, 0.7], fake: [0.9, 0.2, 1.5]))
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            let d = FunctionalDiscriminator(w[0], w[1])
            var context = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
            let diggan = DigGAN(weight: 1, alpha: 0.5)
            if withHistory { try! diggan.restoreState(from: history) }
            return try! diggan.penalty(&context)!
        }
        #expect(report.relativeError < 2e-3, "\(report)")
    }

    @Test func aZeroGradientGivesAFiniteWeightGradient() throws {
        let scale = Tensor(0.7).requiringGradient()
        var c = Self.context(QuadraticDiscriminator(scale: scale), reals: Self.batch([[0], [1]]), fakes: Self.firstFakes)
        let penalty = try #require(try DigGAN(weight: 1).penalty(&c))
        let g = try penalty.gradients(wrt: [scale])[0].item
        // R = s²·((10 − 0)² + (2 − 1)²)/2, dR/ds = s·101.
        #expect(abs(g - 0.7 * 101) < 1e-3)
    }

    @Test func stateRoundTripsAndContinuesTheAverage() throws {
        let original = DigGAN(weight: 1)
        var first = Self.context(QuadraticDiscriminator(), reals: Self.firstReals, fakes: Self.firstFakes)
        _ = try original.penalty(&first)
        let restored = DigGAN(weight: 1)
        try restored.restoreState(from: try #require(try original.encodeState()))
        #expect(restored.averages == original.averages)
        var a = Self.context(QuadraticDiscriminator(), reals: Self.secondReals, fakes: Self.secondFakes)
        var b = Self.context(QuadraticDiscriminator(), reals: Self.secondReals, fakes: Self.secondFakes)
        #expect(try original.penalty(&a)!.item == restored.penalty(&b)!.item)

        // A state saved before the first application restores to "no average yet".
        try restored.restoreState(from: try #require(try DigGAN().encodeState()))
        #expect(restored.averages == nil)
        let bad = try Self.state(DigGAN.Averages(real: [1, 2], fake: [1]))
        #expect { try restored.restoreState(from: bad) } throws: { String(describing: $0).contains("diggan") }
    }

    @Test func aChangedBatchSizeIsNamed() throws {
        let diggan = DigGAN()
        var first = Self.context(QuadraticDiscriminator(), reals: Self.firstReals, fakes: Self.firstFakes)
        _ = try diggan.penalty(&first)
        var smaller = Self.context(QuadraticDiscriminator(), reals: Self.batch([[1]]), fakes: Self.batch([[2]]))
        #expect { try diggan.penalty(&smaller) } throws: { String(describing: $0).contains("from 2 to 1") }
    }

    @Test func paperWeightFollowsTheDataFraction() {
        #expect(DigGAN.paperWeight(dataFraction: 0.1, augmented: false) == 10_000)
        #expect(DigGAN.paperWeight(dataFraction: 0.2, augmented: false) == 5_000)
        #expect(abs(DigGAN.paperWeight(dataFraction: 0.1, augmented: true) - 1_000) < 1e-2)
        #expect(DigGAN().weight == 500 && DigGAN().alpha == 0.5)
    }
}
