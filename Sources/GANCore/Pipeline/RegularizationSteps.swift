/// Where a lazy regularizer's penalty is optimised: in its phase's main step or in a step of
/// its own (`docs/methods.md`, "Phases").
///
/// A lazy regularizer is one whose schedule asks for StyleGAN2's optimiser correction
/// (`RegularizationSchedule.rescalesOptimizer`: R1 and path length with an interval > 1).
/// Regularizers that run every step always join their phase's main step, as in
/// stylegan2-ada-pytorch, whose `training_loop.py` gives a regularizer without an interval one
/// 'both' phase.
public enum RegularizationSteps: String, Codable, CaseIterable, Sendable {
    /// A due penalty joins its phase's main step: the same batch, the same forward pass, one
    /// optimiser step (GANKit's default: no extra pass, no extra step).
    case folded
    /// A due lazy penalty is its own optimiser step right after its phase's main step, as
    /// stylegan2-ada-pytorch's 'Dreg' and 'Greg' phases (Karras et al. 2020, "Analyzing and
    /// Improving the Image Quality of StyleGAN", §3.1 and appendix B): D's step the main step's
    /// real batch (not counted again in kimg) and fakes, G's step fresh latents, fresh
    /// augmentation draws, the networks as the main step left them, and a loss of the penalties
    /// times their gains alone. Fakes are made, augmented and read by D only for a penalty that
    /// reads them, so R1's step runs D on the reals alone and path length's runs G once, as the
    /// official phases do.
    case separate
}
