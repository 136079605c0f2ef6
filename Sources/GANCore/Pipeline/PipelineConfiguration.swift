/// Everything a `TrainingPipeline` is built from. `PipelineBuilder` fills it in; techniques may
/// adjust it before `build()` validates it.
public struct PipelineConfiguration {
    public var generator: (any Generator)?
    public var discriminator: (any Discriminator)?
    public var loss: any AdversarialLoss = NonSaturatingLoss()
    public var augmentation: (any Augmentation)?
    public var regularizers: [any Regularizer] = []
    public var techniques: [any TrainingTechnique] = []
    /// G's optimiser: Adam (the default, DCGAN's lr 2e-4, β = (0.5, 0.999)) or SGD.
    public var generatorOptimizer: OptimizerSettings = .adam()
    /// D's optimiser, likewise.
    public var discriminatorOptimizer: OptimizerSettings = .adam()
    /// Images per batch, for real and for fake.
    public var batchSize: Int = 64
    /// Discriminator steps per generator step.
    public var discriminatorSteps: Int = 1
    /// The seed of every random draw of the run (latents, batches, augmentation, penalties).
    public var seed: UInt64 = 0
    /// Whether a NaN or infinite value in a step stops training (the default) or skips the step.
    public var nonFinite: NonFinitePolicy = .stop
    /// Whether a due lazy regularizer joins its phase's main step (the default) or takes a
    /// step of its own, as StyleGAN2-ADA's regularisation phases (`RegularizationSteps`).
    public var regularizationSteps: RegularizationSteps = .folded
    /// The processes to train with, data-parallel (`DataParallelGroup`); nil trains in this
    /// process alone. `batchSize` is then the global batch, split evenly over the ranks.
    public var dataParallel: (any DataParallelGroup)?

    public init() {}
}
