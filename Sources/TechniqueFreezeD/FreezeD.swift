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

    /// Freezes the first `blocks` of `discriminator.blocks` (`Module.freeze()`) before the
    /// optimisers are made, so D's optimiser never holds their parameters; throws, freezing
    /// nothing, when D has fewer blocks or would have none left to train.
    public func prepare(generator: any Generator, discriminator: any Discriminator) throws {
        let count = discriminator.blocks.count
        guard blocks <= count else {
            throw GANCoreError.invalidConfiguration("cannot freeze \(blocks) discriminator blocks: it has \(count)")
        }
        guard blocks < count else {
            throw GANCoreError.invalidConfiguration("freezing all \(count) discriminator blocks leaves nothing to train")
        }
        for block in discriminator.blocks.prefix(blocks) { block.freeze() }
    }
}

extension PipelineBuilder {
    /// Freeze-D on the first `blocks` discriminator blocks: `.technique(FreezeD(blocks:))`.
    public func freezeD(blocks: Int) -> Self { technique(FreezeD(blocks: blocks)) }
}
