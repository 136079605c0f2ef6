import GANCore

/// R1, the zero-centred gradient penalty on real data (Mescheder et al., "Which training
/// methods for GANs do actually converge?", ICML 2018, eq. 9):
///
///     R1 = (γ/2) · mean_i ‖∂(Σ_j D(x_j)) / ∂x_i‖²
///
/// on the real batch, with respect to the un-augmented images (through the augmentation when
/// there is one, as StyleGAN2-ADA does). γ defaults to 0.01, StyleGAN2-ADA's setting for
/// CIFAR-10 at 32 px (`cfg_specs['cifar']` in stylegan2-ada-pytorch's `train.py`), the image
/// size GANKit's model families train at; the same table has γ = 1 at 256 px (`paper256`) and
/// StyleGAN2 uses 10 at 1024 px, so pass a larger γ for larger images (docs/methods.md).
///
/// Lazy regularisation (Karras et al. 2020, StyleGAN2 section 3.1 and appendix B): with
/// `interval` k > 1 the penalty runs every k-th D step, is multiplied by k, and D's Adam uses
/// lr·k/(k+1) and β^(k/(k+1)). GANKit computes it on the D step's own real batch, reusing the
/// main D pass (StyleGAN2 runs a separate pass on the same kind of batch).
public final class R1: Regularizer {
    /// γ.
    public let gamma: Float
    public let schedule: RegularizationSchedule

    /// - Parameters:
    ///   - gamma: the penalty weight γ (default 0.01, StyleGAN2-ADA's at 32 px).
    ///   - interval: run every `interval` D steps (lazy when > 1; default 1, StyleGAN2 uses 16).
    public init(gamma: Float = Options().gamma, interval: Int = Options().interval) {
        precondition(gamma >= 0 && gamma.isFinite, "R1: gamma must be a non-negative number, got \(gamma)")
        precondition(interval >= 1, "R1: interval must be ≥ 1, got \(interval)")
        self.gamma = gamma
        self.schedule = RegularizationSchedule(phase: .discriminator, interval: interval, gain: Float(interval),
                                               rescalesOptimizer: interval > 1)
    }

    public var name: String { "r1" }
    public var needsRealImageGradient: Bool { true }
    /// The mean over the batch of each real image's squared gradient norm.
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let gradient = try context.realImageGradient()
        return gradient.squared().sum() * (gamma / 2 / Float(gradient.shape[0]))
    }
}
