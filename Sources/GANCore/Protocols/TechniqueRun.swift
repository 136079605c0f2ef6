import GANTensor

/// The part of a `TrainingTechnique` that acts while training, one per pipeline
/// (`TrainingTechnique.makeRun`): the pipeline calls it after every generator step, lets it swap
/// in the weights samples are drawn with, and keeps its tensors in checkpoints. Every
/// requirement has a default that does nothing, so a run implements only what it uses. The
/// generator's weight average (`GeneratorEMA`) is one.
public protocol TechniqueRun: AnyObject {
    /// After generator step `step` (counted from 0), once G's optimiser has stepped.
    func generatorStepDidFinish(step: Int)
    /// Runs `body`, which draws samples from the generator, with the weights samples should
    /// use, and restores the training weights afterwards.
    func withSamplingWeights<R>(_ body: () throws -> R) rethrows -> R
    /// The run's tensor state for checkpoints, by checkpoint key (a prefix of its own, e.g.
    /// `generatorEMA.`, followed by a parameter name).
    var checkpointTensors: [String: Tensor] { get }
    /// Restores `checkpointTensors` from a checkpoint of the same configuration (resume); an
    /// error names the key that is missing or misshapen.
    func restore(from snapshot: PipelineSnapshot) throws
    /// For fine-tuning from another run (`TrainingPipeline.loadWeights(from:)`): reads and checks
    /// what the run takes from that run's snapshot and returns what puts it in place, which the
    /// pipeline calls only when every check of the load has passed.
    func weightsToLoad(from snapshot: PipelineSnapshot) throws -> () -> Void
}

extension TechniqueRun {
    public func generatorStepDidFinish(step: Int) {}
    public func withSamplingWeights<R>(_ body: () throws -> R) rethrows -> R { try body() }
    public var checkpointTensors: [String: Tensor] { [:] }
    public func restore(from snapshot: PipelineSnapshot) throws {}
    public func weightsToLoad(from snapshot: PipelineSnapshot) throws -> () -> Void { {} }
}
