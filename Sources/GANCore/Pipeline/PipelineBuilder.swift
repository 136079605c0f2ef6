import GANNN
import GANTensor

/// Composes a training pipeline in a few lines:
/// ```swift
/// let pipeline = try TrainingPipeline.builder()
///     .generator(DCGANGenerator(resolution: 32, channels: 3, using: &rng))
///     .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, using: &rng))
///     .loss(NonSaturatingLoss())
///     .regularizer(R1(gamma: 0.01))
///     .seed(7)
///     .build()
/// ```
/// `build()` applies the techniques, then validates the combination and throws
/// `GANCoreError.invalidConfiguration` with a readable message.
public struct PipelineBuilder {
    public private(set) var configuration = PipelineConfiguration()

    public init() {}

    public func generator(_ g: any Generator) -> Self { with { $0.generator = g } }
    public func discriminator(_ d: any Discriminator) -> Self { with { $0.discriminator = d } }
    public func loss(_ l: any AdversarialLoss) -> Self { with { $0.loss = l } }
    public func augmentation(_ a: (any Augmentation)?) -> Self { with { $0.augmentation = a } }
    public func regularizer(_ r: any Regularizer) -> Self { with { $0.regularizers.append(r) } }
    public func technique(_ t: any TrainingTechnique) -> Self { with { $0.techniques.append(t) } }
    /// The builder without the techniques `predicate` selects.
    public func withoutTechniques(where predicate: (any TrainingTechnique) -> Bool) -> Self {
        with { $0.techniques.removeAll(where: predicate) }
    }
    /// The same optimiser settings for both networks, e.g. `.adam(learningRate: 2e-4)` or
    /// `.sgd(learningRate: 0.01, momentum: 0.9)`.
    public func optimizers(_ settings: OptimizerSettings) -> Self {
        with { $0.generatorOptimizer = settings; $0.discriminatorOptimizer = settings }
    }
    public func optimizers(generator: OptimizerSettings, discriminator: OptimizerSettings) -> Self {
        with { $0.generatorOptimizer = generator; $0.discriminatorOptimizer = discriminator }
    }
    public func batchSize(_ n: Int) -> Self { with { $0.batchSize = n } }
    public func discriminatorSteps(_ n: Int) -> Self { with { $0.discriminatorSteps = n } }
    public func seed(_ s: UInt64) -> Self { with { $0.seed = s } }
    /// What a NaN or infinite value in a step does: stop training (default) or skip the step.
    public func nonFinite(_ policy: NonFinitePolicy) -> Self { with { $0.nonFinite = policy } }
    /// Whether a due lazy regularizer joins its phase's main step (default) or takes its own.
    public func regularizationSteps(_ steps: RegularizationSteps) -> Self { with { $0.regularizationSteps = steps } }
    /// Trains data-parallel over `group`'s processes; `batchSize` is the global batch.
    public func dataParallel(_ group: (any DataParallelGroup)?) -> Self { with { $0.dataParallel = group } }

    private func with(_ change: (inout PipelineConfiguration) -> Void) -> Self {
        var copy = self
        change(&copy.configuration)
        return copy
    }

    /// Applies the techniques' `configure`, validates, and builds the pipeline (which runs the
    /// techniques' `prepare`).
    public func build() throws -> TrainingPipeline {
        var config = configuration
        for technique in config.techniques { try technique.configure(&config) }
        try Self.validate(config)
        return try TrainingPipeline(configuration: config)
    }

    static func validate(_ c: PipelineConfiguration) throws {
        guard let g = c.generator else { throw GANCoreError.invalidConfiguration("no generator: call .generator(_:)") }
        guard let d = c.discriminator else { throw GANCoreError.invalidConfiguration("no discriminator: call .discriminator(_:)") }
        guard c.batchSize >= 1 else { throw GANCoreError.invalidConfiguration("batch size must be ≥ 1, got \(c.batchSize)") }
        guard c.discriminatorSteps >= 1 else {
            throw GANCoreError.invalidConfiguration("discriminator steps per generator step must be ≥ 1, got \(c.discriminatorSteps)")
        }
        try c.generatorOptimizer.validate("generator")
        try c.discriminatorOptimizer.validate("discriminator")
        var names = Set<String>()
        for r in c.regularizers {
            guard names.insert(r.name).inserted else {
                throw GANCoreError.invalidConfiguration("regularizer '\(r.name)' is added twice")
            }
            if r.needsRealImageGradient && r.schedule.phase != .discriminator {
                throw GANCoreError.invalidConfiguration("regularizer '\(r.name)' penalises D's real-image gradient and must run in the discriminator phase")
            }
            try r.check(generator: g, discriminator: d)
        }
        for phase in [TrainingPhase.discriminator, .generator] {
            _ = try LazyRegularizationCorrection.interval(for: phase, regularizers: c.regularizers, discriminatorSteps: c.discriminatorSteps)
        }
        let blockParameters = d.blocks.reduce(0) { $0 + $1.parameterCount }
        if !d.blocks.isEmpty && blockParameters != d.parameterCount {
            throw GANCoreError.invalidConfiguration("the discriminator's blocks hold \(blockParameters) parameters but it has \(d.parameterCount): every parameter must belong to a block")
        }
        try probeShapes(g, d)
        if let group = c.dataParallel { try validateDataParallel(c, group) }
    }

    /// A data-parallel run equals a single process's only when the batch splits evenly, the
    /// loss and every penalty are means of per-sample terms whose state every process keeps
    /// alike (`AdversarialLoss.isMeanOverSamples`, `Regularizer.isMeanOverSamples`), the
    /// augmentation's draws can be cut per sample (`PerSampleAugmentation`), and a non-finite
    /// value stops the run rather than skipping the step on one rank.
    private static func validateDataParallel(_ c: PipelineConfiguration, _ group: any DataParallelGroup) throws {
        guard group.size >= 1, (0..<group.size).contains(group.rank) else {
            throw GANCoreError.invalidConfiguration("data-parallel group of size \(group.size) reports rank \(group.rank)")
        }
        guard c.batchSize % group.size == 0 else {
            throw GANCoreError.invalidConfiguration(
                "batch size \(c.batchSize) does not split evenly over \(group.size) processes: use a multiple of \(group.size)")
        }
        guard c.loss.isMeanOverSamples else {
            throw GANCoreError.invalidConfiguration(
                "loss '\(c.loss.name)' is not a mean of per-sample terms, so data-parallel training would change it")
        }
        for r in c.regularizers where !r.isMeanOverSamples {
            throw GANCoreError.invalidConfiguration(
                "regularizer '\(r.name)' is not a mean of per-sample terms whose state and draws every process shares " +
                "(Regularizer.isMeanOverSamples), so data-parallel training would change it")
        }
        if let a = c.augmentation, !(a is any PerSampleAugmentation) {
            throw GANCoreError.invalidConfiguration(
                "augmentation '\(a.name)' cannot run data-parallel: its draws cannot be cut per sample (it is not a " +
                "PerSampleAugmentation), so the processes could not each apply their share of one batch's draws")
        }
        // A rank that skipped a step alone would enter the next phase's exchange while the
        // others wait in this one's.
        if c.nonFinite == .skip {
            throw GANCoreError.invalidConfiguration(
                "non-finite policy 'skip' cannot run data-parallel: a step skipped on one process would not be skipped on the others; use 'stop'")
        }
    }

    /// Checks that G's images are what D reads, by their declared sizes.
    private static func probeShapes(_ g: any Generator, _ d: any Discriminator) throws {
        guard g.latentDimension > 0 else {
            throw GANCoreError.invalidConfiguration("the generator's latent dimension must be positive, got \(g.latentDimension)")
        }
        guard g.outputSize == d.inputSize else {
            throw GANCoreError.invalidConfiguration("the generator makes \(g.outputSize) images but the discriminator reads \(d.inputSize)")
        }
    }
}
