/// A change to the pipeline as a whole rather than a penalty: Freeze-D freezes D's first blocks,
/// generator EMA keeps an average of G. Applied by `PipelineBuilder.build()` in the order added.
public protocol TrainingTechnique {
    /// A short name for logs and configs.
    var name: String { get }
    /// Adjusts the configuration; throws a readable error if it cannot apply.
    func configure(_ configuration: inout PipelineConfiguration) throws
}
