import GANTensor

/// The adversarial objective: what D minimises on real and fake logits and what G minimises.
///
/// Logits are D's raw outputs, shape [N] or [N, 1]. Both losses return a scalar tensor that
/// is differentiable with respect to the logits (and so to D's parameters and G's output).
public protocol AdversarialLoss: Sendable {
    /// A short name for logs and configs ("non-saturating", "hinge", …).
    var name: String { get }
    /// Whether `generatorLoss` reads the real logits; when false the pipeline skips D(real)
    /// in the generator step and passes the fake logits in their place.
    var generatorUsesRealLogits: Bool { get }
    /// Whether both losses are means over the batch of terms that each read one sample's logits,
    /// so that the mean of the losses of equal shares is the loss of the whole batch (what a
    /// data-parallel run needs, `DataParallelGroup`). Default false: such a run refuses the loss.
    var isMeanOverSamples: Bool { get }
    /// The discriminator's loss.
    func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor
    /// The generator's loss.
    func generatorLoss(real: Tensor, fake: Tensor) -> Tensor
}

extension AdversarialLoss {
    public var generatorUsesRealLogits: Bool { false }
    public var isMeanOverSamples: Bool { false }
}
