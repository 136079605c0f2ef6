import GANCore
import GANTestSupport
import RegularizerCR
import Testing

/// CR, bCR and zCR: their terms on known transforms, the inputs they read, reproducibility from
/// the step's random source, and their gradients to D's and G's weights vs finite differences.
@Suite struct ConsistencyRegularizationTests {
    /// 4×4 images: allow shifts of one pixel so the test sees translations too.
    static let transform = ConsistencyTransform(maximumShift: 1)

    @Test func crIsTheMeanSquaredChangeOfDUnderTheDrawnTransform() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let d = FunctionalDiscriminator(w1, w2)
        let reals = Contexts.batch(5, seed: 4)
        var context = Contexts.discriminatorPhase(d, reals: reals, fakes: Contexts.batch(5, seed: 5))
        var rng = context.random
        let penalty = try #require(try ConsistencyRegularization(weight: 3, transform: Self.transform).penalty(&context))
        let draws = Self.transform.sample(batch: 5, size: d.inputSize, using: &rng)
        #expect(draws.contains(where: \.flip) && draws.contains { $0.dx != 0 || $0.dy != 0 })
        let a = d(reals).scalars, b = d(Self.transform.apply(reals, draws)).scalars
        let expected = 3 * zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 5
        #expect(abs(penalty.item - expected) < 1e-6 * max(1, expected))
        #expect(context.random == rng, "the context's source advanced by exactly the draws")
    }

    @Test func crIsZeroForADiscriminatorThatIgnoresTheTransform() throws {
        // A D that sums its input is invariant to flips (translations change the sum at the border).
        let d = FunctionalDiscriminator(Tensor.ones([6, 16]) * 0.01, Tensor.ones([1, 6]))
        var context = Contexts.discriminatorPhase(d, reals: Contexts.batch(4, seed: 2), fakes: Contexts.batch(4, seed: 3))
        let flipsOnly = ConsistencyTransform(flipProbability: 1, maximumShift: 0)
        #expect(try ConsistencyRegularization(transform: flipsOnly).penalty(&context)!.item < 1e-10)
    }

    @Test func crReadsTheUnaugmentedRealsAndIsAFunctionOfTheRandomSource() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let d = FunctionalDiscriminator(w1, w2)
        let reals = Contexts.batch(4, seed: 8), fakes = Contexts.batch(4, seed: 9)
        let cr = ConsistencyRegularization(transform: Self.transform)
        var plain = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
        let expected = try cr.penalty(&plain)!.item
        // As if a pipeline augmentation had halved the reals D saw: CR still reads x, not aug(x).
        let augmented = reals * 0.5
        var withAugmentation = RegularizationContext(
            phase: .discriminator, iteration: 0, phaseStep: 0,
            generator: UnusedGenerator(), discriminator: d, augment: { x, _ in x * 0.5 },
            realImages: reals, realInputs: augmented, realLogits: d(augmented).reshaped([4]),
            latents: Tensor.zeros([4, 2]), fakeInputs: fakes, fakeLogits: d(fakes).reshaped([4]), random: RandomSource(seed: 1))
        #expect(try cr.penalty(&withAugmentation)!.item == expected)
        var otherSeed = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
        otherSeed.random = RandomSource(seed: 2)
        #expect(try cr.penalty(&otherSeed)!.item != expected)
    }

    @Test func bcrIsCRsRealTermPlusTheSameTermOnTheFakes() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let d = FunctionalDiscriminator(w1, w2)
        let reals = Contexts.batch(4, seed: 8), fakes = Contexts.batch(3, seed: 9)
        var crContext = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
        let cr = try ConsistencyRegularization(weight: 2, transform: Self.transform).penalty(&crContext)!.item
        var context = Contexts.discriminatorPhase(d, reals: reals, fakes: fakes)
        let bcr = try BalancedConsistencyRegularization(realWeight: 2, fakeWeight: 7, transform: Self.transform).penalty(&context)!.item
        // The reals' draws come first, so the real term is CR's; the fakes' draws follow.
        var rng = crContext.random
        let draws = Self.transform.sample(batch: 3, size: d.inputSize, using: &rng)
        let a = d(fakes).scalars, b = d(Self.transform.apply(fakes, draws)).scalars
        let fakeTerm = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 3
        #expect(abs(bcr - (cr + 7 * fakeTerm)) < 1e-6 * max(1, bcr))
        #expect(context.metrics["bcr.real"].map { abs($0 - Double(cr) / 2) < 1e-6 } == true)
        #expect(context.metrics["bcr.fake"].map { abs($0 - Double(fakeTerm)) < 1e-6 } == true)
        #expect(fakeTerm > 0)
    }

    /// The same seeded source in every evaluation, so finite differences see the same T.
    @Test(arguments: ["cr", "bcr"])
    func penaltyGradientWithRespectToDWeightsMatchesFiniteDifferences(kind: String) throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 11)
        let reals = Contexts.batch(3, seed: 12), fakes = Contexts.batch(3, seed: 13)
        let regularizer: any Regularizer = kind == "cr"
            ? ConsistencyRegularization(weight: 1, transform: Self.transform)
            : BalancedConsistencyRegularization(realWeight: 1, fakeWeight: 1, transform: Self.transform)
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            var context = Contexts.discriminatorPhase(FunctionalDiscriminator(w[0], w[1]), reals: reals, fakes: fakes)
            return try! regularizer.penalty(&context)!
        }
        #expect(report.relativeError < 2e-3, "\(report)")
        #expect(report.scale > 1e-3, "the gradient is not trivially zero")
    }

    @Test func zcrDiscriminatorTermIsTheMeanSquaredChangeOfDUnderALatentNudge() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let d = FunctionalDiscriminator(w1, w2), g = FunctionalGenerator(FunctionalGenerator.weight(seed: 4))
        let z = Contexts.latents(6, seed: 5)
        var context = Contexts.consistency(phase: .discriminator, d, g, reals: Contexts.batch(6, seed: 6), latents: z)
        var rng = context.random
        let zcr = LatentConsistencyRegularization(term: .discriminator, weight: 5, sigma: 0.3)
        let penalty = try #require(try zcr.penalty(&context))
        let nudged = z + Tensor.normal(z.shape, std: 0.3, using: &rng)
        let a = d(g(z)).scalars, b = d(g(nudged)).scalars
        let expected = 5 * zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 6
        #expect(abs(penalty.item - expected) < 1e-6 * max(1, expected))
        #expect(expected > 0)
        #expect(context.random == rng)
    }

    @Test func zcrDiscriminatorTermSendsNoGradientToG() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let a = FunctionalGenerator.weight(seed: 4).requiringGradient()
        var context = Contexts.consistency(phase: .discriminator, FunctionalDiscriminator(w1, w2), FunctionalGenerator(a),
                                           reals: Contexts.batch(2, seed: 6), latents: Contexts.latents(2, seed: 5))
        let penalty = try LatentConsistencyRegularization(term: .discriminator).penalty(&context)!
        #expect(!penalty.requiresGradient, "D's weights are constants here and G must not be reached")
    }

    @Test func zcrDiscriminatorTermGradientWithRespectToDWeightsMatchesFiniteDifferences() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 14)
        let g = FunctionalGenerator(FunctionalGenerator.weight(seed: 15))
        let z = Contexts.latents(4, seed: 16)
        let zcr = LatentConsistencyRegularization(term: .discriminator, weight: 1, sigma: 0.3)
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            var context = Contexts.consistency(phase: .discriminator, FunctionalDiscriminator(w[0], w[1]), g, reals: nil, latents: z)
            return try! zcr.penalty(&context)!
        }
        #expect(report.relativeError < 2e-3, "\(report)")
        #expect(report.scale > 1e-4)
    }

    @Test func zcrGeneratorTermIsNegativeAndItsGradientToGMatchesFiniteDifferences() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 14)
        let d = FunctionalDiscriminator(w1, w2)
        let a = FunctionalGenerator.weight(seed: 17), z = Contexts.latents(4, seed: 18)
        let zcr = LatentConsistencyRegularization(term: .generator, weight: 1, sigma: 0.3)
        #expect(zcr.schedule.phase == .generator && zcr.name == "zcr-generator")
        var context = Contexts.consistency(phase: .generator, d, FunctionalGenerator(a), reals: nil, latents: z)
        let value = try zcr.penalty(&context)!
        #expect(value.item < 0)
        let report = try GradCheck.firstOrder([a]) { w in
            var context = Contexts.consistency(phase: .generator, d, FunctionalGenerator(w[0]), reals: nil, latents: z)
            return try! zcr.penalty(&context)!
        }
        #expect(report.relativeError < 2e-3, "\(report)")
        #expect(report.scale > 1e-4, "G receives a gradient")
    }

    @Test func zcrIsTwoRegularizersWithThePapersDefaults() {
        let pair = LatentConsistencyRegularization.both()
        #expect(pair.map(\.name) == ["zcr", "zcr-generator"])
        #expect(pair.map(\.schedule.phase) == [.discriminator, .generator])
        #expect(pair.map(\.weight) == [5, 0.5] && pair.allSatisfy { $0.sigma == 0.03 })
    }

    @Test func aTermInTheWrongPhaseIsAnError() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        var context = Contexts.consistency(phase: .generator, FunctionalDiscriminator(w1, w2),
                                           FunctionalGenerator(FunctionalGenerator.weight(seed: 4)), reals: nil, latents: Contexts.latents(2, seed: 5))
        #expect(throws: GANCoreError.self) { try LatentConsistencyRegularization(term: .discriminator).penalty(&context) }
        #expect(throws: GANCoreError.self) { try ConsistencyRegularization().penalty(&context) }
    }
}
