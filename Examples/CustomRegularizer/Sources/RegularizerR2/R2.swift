import GANCore

/// R2, the zero-centred gradient penalty on the generated images (Mescheder, Geiger & Nowozin,
/// "Which training methods for GANs do actually converge?", ICML 2018, eq. 10):
///
///     R2(ψ) = (γ/2) · E_{x ~ p_θ} ‖∇_x D_ψ(x)‖²
///
/// estimated on the discriminator step's fake batch as (γ/2) · mean_i ‖∂(Σ_j D(x_j)) / ∂x_i‖²,
/// where x are the fakes as D sees them (after the pipeline's augmentation, as DigGAN's fake-side
/// norm in GANKit), detached from G: the penalty trains D only. R1 is the same penalty on the
/// reals; the paper proves both make the GAN dynamics locally convergent.
///
/// γ defaults to 10, the value of the paper's experiments (section 4) and of its authors'
/// GAN_stability configurations (`reg_param: 10`). `interval` k > 1 makes it lazy as GANKit's R1:
/// every k-th D step, times k (StyleGAN2's lazy regularisation).
public final class R2: Regularizer {
    /// γ.
    public let gamma: Float
    public let schedule: RegularizationSchedule

    /// - Parameters:
    ///   - gamma: the penalty weight γ (a finite number ≥ 0; default 10, the paper's).
    ///   - interval: run every `interval` D steps (lazy when > 1; default 1).
    public init(gamma: Float = Options().gamma, interval: Int = Options().interval) {
        precondition(gamma >= 0 && gamma.isFinite, "R2: gamma must be a non-negative number, got \(gamma)")
        precondition(interval >= 1, "R2: interval must be ≥ 1, got \(interval)")
        self.gamma = gamma
        self.schedule = .lazy(.discriminator, interval: interval)
    }

    /// "r2", the key of its value in the training statistics.
    public var name: String { Self.kind }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let fakes = context.fakeInputs.detached().requiringGradient()
        // createGraph: true, so the penalty trains D through its input gradient.
        let gradient = try context.discriminator(fakes).sum().gradients(wrt: [fakes], createGraph: true)[0]
        return gradient.squared().sum() * (gamma / 2 / Float(gradient.shape[0]))
    }
}
