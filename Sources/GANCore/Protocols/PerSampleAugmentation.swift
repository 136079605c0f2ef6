import GANTensor

/// An augmentation whose draws are per sample, so a batch's parameters can be cut into the
/// parameters of any range of its samples. A data-parallel run (`DataParallelGroup`) needs
/// this: every process draws the parameters of the whole global batch from the shared seeded
/// source, as a single process does, and applies only its own share's
/// (`callAsFunction(_:share:using:)`), so the augmented batch is the single process's and the
/// random source advances alike on every process. `PipelineBuilder` refuses a data-parallel
/// run with an augmentation that does not conform.
public protocol PerSampleAugmentation: Augmentation {
    /// The parameters of samples `range` of the batch `parameters` were drawn for: applied to
    /// those samples, they give exactly the rows `range` of `apply(batch, parameters)`.
    func parameters(_ parameters: Parameters, samples range: Range<Int>) -> Parameters
}

extension PerSampleAugmentation {
    /// Draws the parameters of the whole batch (`share.wholeBatch(ofRows:)`) and applies those
    /// of the rows `share.range` to `images`, which are those rows.
    public func callAsFunction<R: RandomDrawing>(_ images: Tensor, share: BatchShare, using rng: inout R) -> Tensor {
        precondition(images.rank == 4, "\(name): images must be [N, C, H, W], got \(images.shape)")
        let size = ImageSize(channels: images.shape[1], height: images.shape[2], width: images.shape[3])
        let batch = share.wholeBatch(ofRows: images.shape[0])
        let whole = sampleParameters(batch: batch, size: size, using: &rng)
        return apply(images, share.isWholeBatch ? whole : parameters(whole, samples: share.range))
    }
}
