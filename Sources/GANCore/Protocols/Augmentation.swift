import GANTensor

/// A differentiable data augmentation applied to every discriminator input.
///
/// Randomness is split from computation: `sampleParameters` draws the per-sample parameters
/// from the pipeline's seeded source, and `apply` is a deterministic function of the images and
/// those parameters, differentiable with respect to the images, so the generator trains
/// through it (Zhao et al. 2020; Karras et al. 2020). `sampleParameters` is generic over
/// `RandomDrawing`, so a test can feed it scripted draws (`GANTestSupport.ScriptedRandomSource`)
/// and `AugmentationConformance.check` can verify the contract.
public protocol Augmentation: AnyObject, StatefulComponent {
    /// The random draws for one batch.
    associatedtype Parameters
    /// A short name for logs and configs.
    var name: String { get }
    /// Draws the parameters for a batch of `batch` images of `size`, from `rng` only, so the
    /// same draws give the same parameters (the pipeline passes its seeded `RandomSource`).
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> Parameters
    /// Applies the augmentation; deterministic given `parameters`, differentiable in `images`.
    func apply(_ images: Tensor, _ parameters: Parameters) -> Tensor
    /// Called once for every discriminator step with D's logits on its augmented reals, so an
    /// adaptive augmentation (ADA) can tune itself. The pipeline calls it at the end of the
    /// iteration, after the generator step, for each of the iteration's D steps in order (as
    /// stylegan2-ada-pytorch's training loop adjusts p after all phases of an iteration). The
    /// default does nothing.
    func observe(realLogits: Tensor, batch: Int)
    /// Called with D's logits on the augmented reals of a separate regularisation step
    /// (`RegularizationSteps.separate`), just before `observe` of the D step it followed. They
    /// are more evidence of how D sees the reals, not another step: stylegan2-ada-pytorch's
    /// statistics of D's signs on the reals count the 'Dreg' phase's logits too. The default
    /// does nothing.
    func observeRegularizationStep(realLogits: Tensor, batch: Int)
    /// Values to log each step (e.g. ADA's probability p).
    var metrics: [String: Double] { get }
}

extension Augmentation {
    public func observe(realLogits: Tensor, batch: Int) {}
    public func observeRegularizationStep(realLogits: Tensor, batch: Int) {}
    public var metrics: [String: Double] { [:] }

    /// Samples fresh parameters and applies them.
    public func callAsFunction<R: RandomDrawing>(_ images: Tensor, using rng: inout R) -> Tensor {
        let size = ImageSize(channels: images.shape[1], height: images.shape[2], width: images.shape[3])
        return apply(images, sampleParameters(batch: images.shape[0], size: size, using: &rng))
    }
}
