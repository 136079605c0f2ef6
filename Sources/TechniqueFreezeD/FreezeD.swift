import GANCore

/// Freeze-D (Mo, Cho and Shin 2020, "Freeze the Discriminator: a Simple Baseline for
/// Fine-Tuning GANs"; docs/methods.md "Freeze-D"): when fine-tuning from a pretrained checkpoint,
/// the first `blocks` discriminator blocks counted from the input (from-RGB and the highest
/// resolutions, `Discriminator.blocks`) receive no updates; the later blocks and the head
/// train. Gradients still flow through the frozen blocks to the generator.
///
/// Load the pretrained weights with `TrainingPipeline.loadWeights(from:)` (`gankit train
/// --init-from RUN --freeze-d N`). The authors also run R1 with γ = 10 every step when
/// fine-tuning; add it as a regularizer if wanted.
public struct FreezeD: TrainingTechnique {
    /// How many blocks, from the input, are frozen.
    public let blocks: Int

    /// - Parameter blocks: the number of leading discriminator blocks to freeze (≥ 1).
    public init(blocks: Int) {
        precondition(blocks >= 1, "FreezeD: blocks must be ≥ 1, got \(blocks)")
        self.blocks = blocks
    }

    public var name: String { "freeze-d" }

    /// Sets `frozenDiscriminatorBlocks`; `build()` checks it against the discriminator's blocks.
    public func configure(_ configuration: inout PipelineConfiguration) throws {
        configuration.frozenDiscriminatorBlocks = blocks
    }
}
