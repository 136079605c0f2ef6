import GANCore

/// A small stand-in for one training step, from which a penalty can be run on its own: a tiny
/// `FunctionalDiscriminator` and `FunctionalGenerator`, their weights, real images, latents,
/// and the augment closure, assembled into a `RegularizationContext` the way the training
/// pipeline assembles one.
///
/// ```swift
/// let fixture = RegularizationFixture()
/// var context = fixture.context(for: regularizer, step: 0)
/// let penalty = try regularizer.penalty(&context)
/// let dWeights = try penalty!.gradients(wrt: fixture.discriminatorWeights)
/// ```
///
/// Everything is a function of `seed` and the step: the same step gives the same reals,
/// latents and random source every time, different steps give different batches (so averages
/// kept across steps move). The weights are leaves that require a gradient, like a module's
/// parameters.
public struct RegularizationFixture {
    /// The size of every image (1×4×4 by default).
    public let imageSize: ImageSize
    /// Images per batch, real and fake alike.
    public let batch: Int
    /// Length of the generator's latent vectors.
    public let latentDimension: Int
    /// The pipeline's augmentation, applied to D's inputs and offered as the context's
    /// `augment`; nil for none.
    public let augmentation: (any Augmentation)?
    /// Determines the weights, batches and random sources.
    public let seed: UInt64
    /// D's weights [Wₕ, Wₒ] (`FunctionalDiscriminator`), leaves that require a gradient.
    public let discriminatorWeights: [Tensor]
    /// G's weight [A] (`FunctionalGenerator`), a leaf that requires a gradient.
    public let generatorWeights: [Tensor]

    /// A fixture of `batch` images of `imageSize`, optionally augmented, determined by `seed`.
    public init(imageSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4), batch: Int = 4,
                latentDimension: Int = 2, augmentation: (any Augmentation)? = nil, seed: UInt64 = 1) {
        precondition(batch >= 1 && latentDimension >= 1, "RegularizationFixture: batch and latentDimension must be ≥ 1")
        self.imageSize = imageSize
        self.batch = batch
        self.latentDimension = latentDimension
        self.augmentation = augmentation
        self.seed = seed
        let (hidden, head) = FunctionalDiscriminator.weights(seed: seed &+ 101, inputSize: imageSize)
        discriminatorWeights = [hidden.requiringGradient(), head.requiringGradient()]
        generatorWeights = [FunctionalGenerator.weight(seed: seed &+ 202, outputSize: imageSize, latentDimension: latentDimension)
            .requiringGradient()]
    }

    /// The discriminator with `weights` ([Wₕ, Wₒ]; the fixture's by default).
    public func discriminator(weights: [Tensor]? = nil) -> FunctionalDiscriminator {
        FunctionalDiscriminator(weights: weights ?? discriminatorWeights, inputSize: imageSize)
    }

    /// The generator with `weights` ([A]; the fixture's by default).
    public func generator(weights: [Tensor]? = nil) -> FunctionalGenerator {
        let w = weights ?? generatorWeights
        precondition(w.count == 1, "RegularizationFixture: the generator has one weight, got \(w.count) tensors")
        return FunctionalGenerator(w[0], outputSize: imageSize)
    }

    /// The augmentation as the context's closure: fresh parameters from the given source, or
    /// the identity without an augmentation.
    public var augment: (Tensor, inout RandomSource) -> Tensor {
        guard let augmentation else { return { x, _ in x } }
        return { x, rng in augmentation(x, using: &rng) }
    }

    /// The real batch of `step`, uniform in [−1, 1).
    public func reals(step: Int) -> Tensor {
        var rng = source(step: step)
        return Tensor.uniform([batch] + imageSize.shape, low: -1, high: 1, using: &rng)
    }

    /// The latent vectors of `step`, standard normal.
    public func latents(step: Int) -> Tensor {
        var rng = source(step: step)
        _ = Tensor.uniform([batch] + imageSize.shape, using: &rng)
        return Tensor.normal([batch, latentDimension], using: &rng)
    }

    /// The context the pipeline would hand `regularizer` at phase step `step` of its phase:
    /// the real batch requires a gradient when the regularizer `needsRealImageGradient`.
    public func context(for regularizer: any Regularizer, step: Int,
                        discriminatorWeights: [Tensor]? = nil, generatorWeights: [Tensor]? = nil) -> RegularizationContext {
        context(phase: regularizer.schedule.phase, step: step,
                realImagesRequireGradient: regularizer.needsRealImageGradient,
                discriminatorWeights: discriminatorWeights, generatorWeights: generatorWeights)
    }

    /// A context of `phase` at phase step `step` (also its iteration), built as the pipeline
    /// builds one.
    ///
    /// - A discriminator step: reals (requiring a gradient when `realImagesRequireGradient`),
    ///   fakes G(z) made without recording, both augmented, and D's logits on them.
    /// - A generator step: fakes G(z) connected to G, augmented, D's logits on them; no reals
    ///   (as with a loss whose generator term reads only the fakes).
    ///
    /// `discriminatorWeights` and `generatorWeights` replace the fixture's, e.g. to
    /// finite-difference a penalty with respect to them.
    public func context(phase: TrainingPhase = .discriminator, step: Int = 0,
                        realImagesRequireGradient: Bool = true,
                        discriminatorWeights: [Tensor]? = nil, generatorWeights: [Tensor]? = nil) -> RegularizationContext {
        let d = discriminator(weights: discriminatorWeights), g = generator(weights: generatorWeights)
        var rng = source(step: step)
        let drawnReals = Tensor.uniform([batch] + imageSize.shape, low: -1, high: 1, using: &rng)
        let z = Tensor.normal([batch, latentDimension], using: &rng)
        var random = RandomSource(seed: rng.next())
        let augment = self.augment
        switch phase {
        case .discriminator:
            let reals = realImagesRequireGradient ? drawnReals.requiringGradient() : drawnReals
            let fakes = Autodiff.withoutRecording { g(z) }
            let realInputs = augment(reals, &random), fakeInputs = augment(fakes, &random)
            return RegularizationContext(
                phase: .discriminator, iteration: step, phaseStep: step,
                generator: g, discriminator: d, augment: augment,
                realImages: reals, realInputs: realInputs, realLogits: d(realInputs).reshaped([batch]),
                latents: z, fakeInputs: fakeInputs, fakeLogits: d(fakeInputs).reshaped([batch]),
                random: random, fakeImages: fakes)
        case .generator:
            let fakes = g(z)
            let fakeInputs = augment(fakes, &random)
            return RegularizationContext(
                phase: .generator, iteration: step, phaseStep: step,
                generator: g, discriminator: d, augment: augment,
                realImages: nil, realInputs: nil, realLogits: nil,
                latents: z, fakeInputs: fakeInputs, fakeLogits: d(fakeInputs).reshaped([batch]),
                random: random, fakeImages: fakes)
        }
    }

    /// The seeded source of `step`'s reals, latents and context source.
    private func source(step: Int) -> RandomSource {
        RandomSource(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: step))
    }
}
