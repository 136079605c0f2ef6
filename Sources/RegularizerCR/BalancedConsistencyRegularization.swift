import GANCore

/// bCR, balanced consistency regularisation (Zhao, Zhang, Chen, Singh and Zhang, "Improved
/// consistency regularization for GANs", AAAI 2021, section 3.1, Algorithm 1): CR's term on the
/// reals and the same term on the fakes,
///
///     L_D += λ_real · mean_i (D(x_i) − D(T(x_i)))² + λ_fake · mean_i (D(G(z_i)) − D(T(G(z_i))))²
///
/// so D is not pushed to treat augmented fakes as real-like artefacts. λ_real = λ_fake = 10
/// (the paper's values), T = `ConsistencyTransform` drawn per sample from `context.random`,
/// reals first then fakes. No detach on D's side; the fakes are the detached G(z) of the D step.
///
/// As for CR, both terms read the un-augmented images (`context.realImages`, `fakeImages`);
/// D's logits from the step's own pass are reused when D saw exactly those images. T is drawn
/// for the whole batch (`RegularizationContext.share`), so bCR can train data-parallel
/// (`isMeanOverSamples`).
public final class BalancedConsistencyRegularization: Regularizer {
    /// λ_real.
    public let realWeight: Float
    /// λ_fake.
    public let fakeWeight: Float
    public let transform: ConsistencyTransform
    public let schedule = RegularizationSchedule.everyStep(.discriminator)

    /// - Parameters:
    ///   - realWeight: λ_real (10, Zhao et al. 2021).
    ///   - fakeWeight: λ_fake (10, Zhao et al. 2021).
    ///   - transform: T (flip p 0.5, shifts up to H/8).
    public init(realWeight: Float = Options().realWeight, fakeWeight: Float = Options().fakeWeight, transform: ConsistencyTransform = ConsistencyTransform()) {
        precondition(realWeight >= 0 && realWeight.isFinite && fakeWeight >= 0 && fakeWeight.isFinite,
                     "BalancedConsistencyRegularization: weights must be non-negative numbers, got \(realWeight) and \(fakeWeight)")
        self.realWeight = realWeight
        self.fakeWeight = fakeWeight
        self.transform = transform
    }

    public var name: String { "bcr" }
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        guard context.phase == .discriminator, let reals = context.realImages else {
            throw GANCoreError.invalidConfiguration("bCR runs in discriminator steps, which have real images")
        }
        let d = context.discriminator
        let realLogits = logits(of: reals, using: d, seen: context.realInputs, logits: context.realLogits)
        let realTerm = consistencyTerm(reals, logits: realLogits, discriminator: d, transform: transform, share: context.share, using: &context.random)
        let fakes = discriminatorStepFakes(context)
        let fakeLogits = logits(of: fakes, using: d, seen: context.fakeInputs, logits: context.fakeLogits)
        let fakeTerm = consistencyTerm(fakes, logits: fakeLogits, discriminator: d, transform: transform, share: context.share, using: &context.random)
        context.metrics["bcr.real"] = Double(realTerm.item)
        context.metrics["bcr.fake"] = Double(fakeTerm.item)
        return realTerm * realWeight + fakeTerm * fakeWeight
    }
}
