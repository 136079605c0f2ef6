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
/// (Zhang et al. 2020, eq. 1).
func consistencyTerm(_ images: Tensor, logits: Tensor, discriminator: any Discriminator,
                     transform: ConsistencyTransform, using rng: inout RandomSource) -> Tensor {
    let transformed = discriminator(transform(images, using: &rng)).reshaped([images.shape[0]])
    return (logits - transformed).squared().mean()
}

/// The un-augmented fakes of a discriminator step, detached: the pipeline's `fakeImages`, or
/// G(latents) regenerated without recording when the context lacks them.
func discriminatorStepFakes(_ context: RegularizationContext) -> Tensor {
    if let fakeImages = context.fakeImages { return fakeImages.detached() }
    return Autodiff.withoutRecording { context.generator(context.latents) }
}
