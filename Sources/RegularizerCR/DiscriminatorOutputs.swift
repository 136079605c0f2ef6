import GANCore

/// D's logits as a vector [N], reusing the step's own pass when D already saw exactly these
/// images (no augmentation, or one that left this batch unchanged): the discriminator is a
/// deterministic function of its batch, so equal inputs give the same logits and the same
/// graph to D's weights. Otherwise D runs on `images`.
func logits(of images: Tensor, using discriminator: any Discriminator, seen inputs: Tensor?, logits: Tensor?) -> Tensor {
    let n = images.shape[0]
    if let inputs, let logits, holdSameValues(images, inputs) { return logits.reshaped([n]) }
    return discriminator(images).reshaped([n])
}

/// Whether two tensors have one shape and equal elements.
func holdSameValues(_ a: Tensor, _ b: Tensor) -> Bool {
    guard a.shape == b.shape else { return false }
    return a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress || x.elementsEqual(y) }
    }
}

/// `mean((D(x) − D(T(x)))²)` over a batch, with T drawn from `rng`; no detach on either side
/// (Zhang et al. 2020, eq. 1). `images` are the rows `share.range` of the step's batch: T is
/// drawn for the whole batch and those rows' draws applied, so a data-parallel run draws as a
/// single process does.
func consistencyTerm(_ images: Tensor, logits: Tensor, discriminator: any Discriminator,
                     transform: ConsistencyTransform, share: BatchShare, using rng: inout RandomSource) -> Tensor {
    let size = ImageSize(channels: images.shape[1], height: images.shape[2], width: images.shape[3])
    let draws = share.rows(transform.sample(batch: share.wholeBatch(ofRows: images.shape[0]), size: size, using: &rng))
    let transformed = discriminator(transform.apply(images, draws)).reshaped([images.shape[0]])
    return (logits - transformed).squared().mean()
}

/// The un-augmented fakes of a discriminator step, detached: the pipeline's `fakeImages`, or
/// G(latents) regenerated without recording when the context lacks them.
func discriminatorStepFakes(_ context: RegularizationContext) -> Tensor {
    if let fakeImages = context.fakeImages { return fakeImages.detached() }
    return Autodiff.withoutRecording { context.generator(context.latents) }
}
