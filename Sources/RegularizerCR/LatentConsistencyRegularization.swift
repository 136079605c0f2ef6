import GANCore

/// zCR, latent consistency regularisation (Zhao, Zhang, Chen, Singh and Zhang, "Improved
/// consistency regularization for GANs", AAAI 2021, section 3.2, Algorithm 2). A small latent
/// perturbation Δz ~ N(0, σ²I) should not change D's output, but should change G's image:
///
///     L_D += λ_dis · mean_i (D(G(z_i)) − D(G(z_i + Δz_i)))²        (term `.discriminator`, "zcr")
///     L_G += −λ_gen · mean (G(z) − G(z + Δz))²                      (term `.generator`, "zcr-generator")
///
/// the second mean over every pixel of the batch. σ = 0.03, λ_dis = 5, λ_gen = 0.5 are the
/// paper's values. A regularizer has one phase, so zCR is two instances of this type, one per
/// term (`LatentConsistencyRegularization.both()`, or the configuration kinds "zcr" and
/// "zcr-generator"); either alone is an ablation.
///
/// The discriminator term uses the D step's z (`context.latents`) and its un-augmented, detached
/// fakes G(z); G(z + Δz) is made without recording (no gradient reaches G in a D step), and D's
/// logits on G(z) are reused from the step's pass when D saw exactly those images. The generator
/// term uses the G step's G(z) (`context.fakeImages`, connected to G) and G(z + Δz), both with
/// gradients to G; it is negative, rewarding G for spreading nearby latents apart. Δz is drawn
/// from the step's seeded `context.random`, for the whole batch (`RegularizationContext.share`),
/// and both terms are means of per-sample terms, so zCR can train data-parallel
/// (`isMeanOverSamples`).
public final class LatentConsistencyRegularization: Regularizer {
    /// Which of zCR's two terms an instance adds.
    public enum Term: String, Codable, Sendable {
        /// `λ_dis · mean (D(G(z)) − D(G(z + Δz)))²`, added to D's loss.
        case discriminator
        /// `−λ_gen · mean (G(z) − G(z + Δz))²`, added to G's loss.
        case generator
    }

    public let term: Term
    /// λ_dis or λ_gen.
    public let weight: Float
    /// σ, the standard deviation of Δz.
    public let sigma: Float
    public let schedule: RegularizationSchedule

    /// - Parameters:
    ///   - term: the D or the G term.
    ///   - weight: λ_dis (default 5) or λ_gen (default 0.5), Zhao et al. 2021.
    ///   - sigma: σ of Δz (0.03, Zhao et al. 2021).
    public init(term: Term, weight: Float? = nil, sigma: Float = Options().sigma) {
        let weight = weight ?? Self.defaultWeight(term)
        precondition(weight >= 0 && weight.isFinite, "LatentConsistencyRegularization: weight must be a non-negative number, got \(weight)")
        precondition(sigma > 0 && sigma.isFinite, "LatentConsistencyRegularization: sigma must be positive, got \(sigma)")
        self.term = term
        self.weight = weight
        self.sigma = sigma
        self.schedule = .everyStep(term == .discriminator ? .discriminator : .generator)
    }

    /// λ_dis = 5 and λ_gen = 0.5 (Zhao et al. 2021).
    public static func defaultWeight(_ term: Term) -> Float { term == .discriminator ? 5 : 0.5 }

    /// zCR as in the paper: the discriminator term and the generator term.
    public static func both(discriminatorWeight: Float = LatentConsistencyRegularization.defaultWeight(.discriminator),
                            generatorWeight: Float = LatentConsistencyRegularization.defaultWeight(.generator),
                            sigma: Float = Options().sigma) -> [LatentConsistencyRegularization] {
        [LatentConsistencyRegularization(term: .discriminator, weight: discriminatorWeight, sigma: sigma),
         LatentConsistencyRegularization(term: .generator, weight: generatorWeight, sigma: sigma)]
    }

    public var name: String { term == .discriminator ? "zcr" : "zcr-generator" }
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        guard context.phase == schedule.phase else {
            throw GANCoreError.invalidConfiguration("\(name) runs in \(schedule.phase) steps, got a \(context.phase) step")
        }
        let z = context.latents
        let whole = [context.share.wholeBatch(ofRows: z.shape[0])] + z.shape.dropFirst()
        let perturbed = z + context.share.rows(Tensor.normal(whole, std: sigma, using: &context.random))
        let g = context.generator
        switch term {
        case .discriminator:
            let fakes = discriminatorStepFakes(context)
            let d = context.discriminator
            let fakeLogits = logits(of: fakes, using: d, seen: context.fakeInputs, logits: context.fakeLogits)
            let nearby = Autodiff.withoutRecording { g(perturbed) }
            return (fakeLogits - d(nearby).reshaped([z.shape[0]])).squared().mean() * weight
        case .generator:
            let fakes = context.fakeImages ?? g(z)
            return (fakes - g(perturbed)).squared().mean() * -weight
        }
    }
}
