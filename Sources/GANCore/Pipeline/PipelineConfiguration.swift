/// Everything a `TrainingPipeline` is built from. `PipelineBuilder` fills it in; techniques may
/// adjust it before `build()` validates it.
public struct PipelineConfiguration {
    public var generator: (any Generator)?
    public var discriminator: (any Discriminator)?
    public var loss: any AdversarialLoss = NonSaturatingLoss()
    public var augmentation: (any Augmentation)?
    public var regularizers: [any Regularizer] = []
    public var techniques: [any TrainingTechnique] = []
    public var generatorOptimizer: OptimizerSettings = .adam()
    public var discriminatorOptimizer: OptimizerSettings = .adam()
    /// Images per batch, for real and for fake.
    public var batchSize: Int = 64
    /// Discriminator steps per generator step.
    public var discriminatorSteps: Int = 1
    /// Decay of the generator's exponential moving average per G step, nil for none
    /// (Karras et al. 2018 use an EMA of G's weights for evaluation; 0.999 is common).
    public var generatorEMADecay: Double?
    /// The first `frozenDiscriminatorBlocks` of `Discriminator.blocks` receive no updates (Freeze-D).
    public var frozenDiscriminatorBlocks: Int = 0
    /// The seed of every random draw of the run (latents, batches, augmentation, penalties).
    public var seed: UInt64 = 0
    /// Whether a NaN or infinite value in a step stops training (the default) or skips the step.
    public var nonFinite: NonFinitePolicy = .stop

    public init() {}
}
