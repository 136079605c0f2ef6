/// A change to the pipeline as a whole rather than a penalty: Freeze-D freezes D's first blocks
/// (`TechniqueFreezeD`), the generator EMA keeps an average of G's weights for sampling
/// (`GeneratorEMATechnique`). `PipelineBuilder.build()` applies the techniques in the order
/// added: first each one's `configure`, then the combination is validated, then, as the
/// pipeline is made, each one's `prepare` before the optimisers exist and its `makeRun` after.
public protocol TrainingTechnique {
    /// A short name for logs and configs.
    var name: String { get }
    /// Adjusts the configuration before it is validated; throws a readable error if it cannot
    /// apply. Default: nothing.
    func configure(_ configuration: inout PipelineConfiguration) throws
    /// Acts on the validated networks before the optimisers are made, so that what it changes
    /// holds from the first step: a parameter it freezes (`Module.freeze()`) is never given to
    /// an optimiser. Throws a readable error, before changing anything, when the networks do not
    /// suit it. Default: nothing.
    func prepare(generator: any Generator, discriminator: any Discriminator) throws
    /// The part that acts during training (`TechniqueRun`), made once per pipeline after the
    /// optimisers; nil, the default, for a technique that only changes the build.
    func makeRun(generator: any Generator, discriminator: any Discriminator) throws -> (any TechniqueRun)?
}

extension TrainingTechnique {
    public func configure(_ configuration: inout PipelineConfiguration) throws {}
    public func prepare(generator: any Generator, discriminator: any Discriminator) throws {}
    public func makeRun(generator: any Generator, discriminator: any Discriminator) throws -> (any TechniqueRun)? { nil }
}
