import GANTensor

/// What a regularizer sees of one training step: the batch, the logits already computed, the
/// networks, and a place to log values. Built by the pipeline; typed, no string maps of tensors.
public struct RegularizationContext {
    /// The phase being optimised.
    public let phase: TrainingPhase
    /// Generator steps completed before this one (the training iteration index).
    public let iteration: Int
    /// Index of this step within its phase, counted from 0 over the whole run. (A method that
    /// runs once per iteration says so in its schedule, `RegularizationSchedule.oncePerIteration`.)
    public let phaseStep: Int

    public let generator: any Generator
    public let discriminator: any Discriminator
    /// Applies the pipeline's augmentation with fresh parameters (identity when there is none).
    public let augment: (Tensor, inout RandomSource) -> Tensor

    /// Real images before augmentation, [N, C, H, W]; they require a gradient when some due
    /// regularizer `needsRealImageGradient`. Nil in a generator step that draws no reals.
    public let realImages: Tensor?
    /// The real images as fed to D (after augmentation); nil when `realImages` is.
    public let realInputs: Tensor?
    /// D's logits on `realInputs`; nil in a generator step whose loss does not read them.
    public let realLogits: Tensor?
    /// The latent vectors of this step's fakes.
    public let latents: Tensor
    /// The fakes G(latents) before augmentation: detached in a discriminator step, connected to
    /// G in a generator step. Nil when whoever built the context did not supply them (a
    /// regularizer then regenerates them from `latents`).
    public var fakeImages: Tensor? { fakeBatch.value.images }
    /// The fake images as fed to D (after augmentation); connected to G only in a generator step.
    public var fakeInputs: Tensor { fakeBatch.value.inputs }
    /// D's logits on `fakeInputs`.
    public var fakeLogits: Tensor { fakeBatch.value.logits }
    /// The three above, given or made when first read (`FakeBatch`).
    private let fakeBatch: FakeBatch

    /// The step's seeded random source, for stochastic penalties (CR's transforms, zCR's Δz).
    public var random: RandomSource
    /// This process's rows of the step's batch (the whole batch in a single process): the
    /// batch tensors above hold `share.range.count` rows, and a regularizer whose state follows
    /// statistics of the batch reads the whole batch's through `share.mean` and `share.gather`,
    /// so that its state is the same in every process of a data-parallel run.
    public let share: BatchShare
    /// Values to log for this step, e.g. `["ms3d.sd0": 0.01]`.
    public var metrics: [String: Double] = [:]

    private var cachedRealGradient: Tensor?

    public init(phase: TrainingPhase, iteration: Int, phaseStep: Int,
                generator: any Generator, discriminator: any Discriminator,
                augment: @escaping (Tensor, inout RandomSource) -> Tensor,
                realImages: Tensor?, realInputs: Tensor?, realLogits: Tensor?,
                latents: Tensor, fakeInputs: Tensor, fakeLogits: Tensor, random: RandomSource, fakeImages: Tensor? = nil,
                share: BatchShare? = nil) {
        self.init(phase: phase, iteration: iteration, phaseStep: phaseStep, generator: generator, discriminator: discriminator,
                  augment: augment, realImages: realImages, realInputs: realInputs, realLogits: realLogits, latents: latents,
                  fakeBatch: FakeBatch(images: fakeImages, inputs: fakeInputs, logits: fakeLogits), random: random,
                  share: share ?? BatchShare(batch: latents.shape[0]))
    }

    /// A context whose fakes are made by `makeFakes` when a regularizer first reads one of
    /// `fakeImages`, `fakeInputs` or `fakeLogits` (once; the three come from one call), so a step
    /// whose penalties read only the latents runs neither network on them. The pipeline's
    /// regularisation steps (`RegularizationSteps.separate`) build theirs so: the official 'Greg'
    /// phase runs G only inside the path length, and 'Dreg' never runs G's fakes through D.
    init(phase: TrainingPhase, iteration: Int, phaseStep: Int,
         generator: any Generator, discriminator: any Discriminator,
         augment: @escaping (Tensor, inout RandomSource) -> Tensor,
         realImages: Tensor?, realInputs: Tensor?, realLogits: Tensor?,
         latents: Tensor, makeFakes: @escaping () -> (images: Tensor?, inputs: Tensor, logits: Tensor),
         random: RandomSource, share: BatchShare) {
        self.init(phase: phase, iteration: iteration, phaseStep: phaseStep, generator: generator, discriminator: discriminator,
                  augment: augment, realImages: realImages, realInputs: realInputs, realLogits: realLogits, latents: latents,
                  fakeBatch: FakeBatch(makeFakes), random: random, share: share)
    }

    private init(phase: TrainingPhase, iteration: Int, phaseStep: Int,
                 generator: any Generator, discriminator: any Discriminator,
                 augment: @escaping (Tensor, inout RandomSource) -> Tensor,
                 realImages: Tensor?, realInputs: Tensor?, realLogits: Tensor?,
                 latents: Tensor, fakeBatch: FakeBatch, random: RandomSource, share: BatchShare) {
        self.phase = phase
        self.iteration = iteration
        self.phaseStep = phaseStep
        self.generator = generator
        self.discriminator = discriminator
        self.augment = augment
        self.realImages = realImages
        self.realInputs = realInputs
        self.realLogits = realLogits
        self.latents = latents
        self.fakeBatch = fakeBatch
        self.random = random
        self.share = share
    }

    /// `∂(Σᵢ D(aug(xᵢ)))/∂x` on the un-augmented real batch, with `createGraph: true` so a
    /// penalty on it trains D. Computed once per step and shared (R1 and MS3D use the same).
    ///
    /// When the pipeline prepared the real batch (some due regularizer declared
    /// `needsRealImageGradient`) the main D pass is reused; otherwise a separate pass runs.
    public mutating func realImageGradient() throws -> Tensor {
        if let cachedRealGradient { return cachedRealGradient }
        guard let realImages else {
            throw GANCoreError.invalidConfiguration("the real-image gradient is only available in discriminator steps")
        }
        let gradient: Tensor
        if let realLogits, realImages.requiresGradient, realLogits.requiresGradient {
            gradient = try realLogits.sum().gradients(wrt: [realImages], createGraph: true)[0]
        } else {
            let images = realImages.detached().requiringGradient()
            let logits = discriminator(augment(images, &random))
            gradient = try logits.sum().gradients(wrt: [images], createGraph: true)[0]
        }
        cachedRealGradient = gradient
        return gradient
    }
}
