import GANCore

/// ScaffoldExample: replace this comment with the method — the paper, its formula, and where each
/// default in `ScaffoldExampleOptions.swift` comes from.
///
/// As scaffolded it is a zero-centred gradient penalty on the real images, R1 of Mescheder,
/// Geiger & Nowozin, "Which training methods for GANs do actually converge?" (ICML 2018,
/// eq. 9):
///
///     penalty = (weight/2) · mean_i ‖∂(Σ_j D(x_j)) / ∂x_i‖²
///
/// on the discriminator step's real batch, every `interval` D steps times `interval`
/// (StyleGAN2's lazy regularisation). `RegularizationContext` holds what the step has
/// computed (images, logits, D, G, latents); `penalty` returns nil where it does not apply.
public final class ScaffoldExample: Regularizer {
    /// The penalty weight.
    public let weight: Float
    public let schedule: RegularizationSchedule

    /// - Parameters:
    ///   - weight: the penalty weight (a finite number ≥ 0).
    ///   - interval: run every `interval` D steps (lazy when > 1).
    public init(weight: Float = Options().weight, interval: Int = Options().interval) {
        precondition(weight >= 0 && weight.isFinite, "ScaffoldExample: weight must be a non-negative number, got \(weight)")
        precondition(interval >= 1, "ScaffoldExample: interval must be ≥ 1, got \(interval)")
        self.weight = weight
        self.schedule = .lazy(.discriminator, interval: interval)
    }

    /// "scaffold-example", the key of its value in the training statistics.
    public var name: String { Self.kind }
    /// The penalty reads `context.realImageGradient()`, shared with R1 and MS3D.
    public var needsRealImageGradient: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        // Taken with createGraph: true, so the penalty trains D through it.
        let gradient = try context.realImageGradient()
        return gradient.squared().sum() * (weight / 2 / Float(gradient.shape[0]))
    }
}
