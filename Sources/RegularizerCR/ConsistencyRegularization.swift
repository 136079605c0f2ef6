import GANCore

/// CR, consistency regularisation of the discriminator (Zhang, Zhang, Odena and Lee,
/// "Consistency regularization for generative adversarial networks", ICLR 2020, eq. 1):
///
///     L_D += λ · mean_i (D(x_i) − D(T(x_i)))²
///
/// over the real batch, with no detach on either side, T = `ConsistencyTransform` (horizontal
/// flip with p 0.5, integer translation up to H/8 with reflect padding, drawn per sample from the
/// step's seeded `context.random`). λ = 10, the paper's value (section 4).
///
/// x is the un-augmented real batch `context.realImages`: as in the paper, CR's own T takes the
/// place of an augmentation, so with a pipeline augmentation the term still compares D on x and
/// T(x), not on aug(x). D(x) reuses the step's logits when D saw exactly x (no augmentation),
/// else D runs once more on x.
///
/// T is drawn for the whole batch (`RegularizationContext.share`) and the term is a mean of
/// per-sample terms, so CR can train data-parallel (`isMeanOverSamples`).
public final class ConsistencyRegularization: Regularizer {
    /// λ.
    public let weight: Float
    public let transform: ConsistencyTransform
    public let schedule = RegularizationSchedule.everyStep(.discriminator)

    /// - Parameters:
    ///   - weight: λ (10, Zhang et al. 2020).
    ///   - transform: T (flip p 0.5, shifts up to H/8).
    public init(weight: Float = Options().weight, transform: ConsistencyTransform = ConsistencyTransform()) {
        precondition(weight >= 0 && weight.isFinite, "ConsistencyRegularization: weight must be a non-negative number, got \(weight)")
        self.weight = weight
        self.transform = transform
    }

    public var name: String { "cr" }
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        guard context.phase == .discriminator, let reals = context.realImages else {
            throw GANCoreError.invalidConfiguration("CR runs in discriminator steps, which have real images")
        }
        let realLogits = logits(of: reals, using: context.discriminator, seen: context.realInputs, logits: context.realLogits)
        return consistencyTerm(reals, logits: realLogits, discriminator: context.discriminator,
                               transform: transform, share: context.share, using: &context.random) * weight
    }
}
