import GANTensor

/// What the augmentation observes of one discriminator step (`Augmentation.observe`): D's
/// logits on the whole batch's augmented reals, and on those of the step's separate
/// regularisation step when it had one. The pipeline keeps them until the end of the iteration.
struct RealLogitsObservation {
    /// D's logits on the reals of the D step.
    let step: Tensor
    /// D's logits on the reals of its separate regularisation step, nil without one.
    let regularizationStep: Tensor?
}
