import Foundation
import GANCore

/// DigGAN, the discriminator gradient gap penalty (Fang et al., "DigGAN: Discriminator
/// gradIent Gap Regularization for GAN Training with Limited Data", NeurIPS 2022, eqs. 2–3,
/// and the authors' code, `train_fns.py`):
///
///     n_β,i = ‖∂D(x_β)/∂x_β,i‖₂                      per sample i over C·H·W, β ∈ {real, fake}
///     g_β,i = n_β,i                                   at the first application
///     g_β,i = (1 − α)·g_β,i(prev) + α·n_β,i           afterwards (eq. 3; g(prev) detached)
///     R     = mean_i (g_fake,i − g_real,i)²            (pairs sample i with sample i)
///     L_D  += λ·R
///
/// The gradients are taken w.r.t. the tensors fed to D — after the augmentation, when there is
/// one (`context.realInputs`, `context.fakeInputs`) — with `createGraph: true` so R trains D.
/// The per-sample norms come from one gradient of Σᵢ D(xᵢ), which assumes that D treats the
/// samples of a batch independently (no batch statistics in D), as the authors' code does.
///
/// The penalty runs once per generator step, on the first of several D steps
/// (`RegularizationSchedule.oncePerIteration`), as in the authors' code. The EMA holds one value per
/// sample index of the batch (real sample i with fake sample i); it is part of the checkpoint.
/// The batch means of the current (un-averaged) norms are logged as `diggan.realNorm` and
/// `diggan.fakeNorm`.
///
/// In a data-parallel run a process holds rows `context.share.range` of the batch: it averages
/// those rows' norms with those indices' EMAs and gathers every process's
/// (`RegularizationContext.share`), so each process keeps the EMAs of the whole batch — the
/// same in every process and a single process's — and the penalty, a mean of per-sample terms
/// given them (`isMeanOverSamples`), averages over the processes to the whole batch's.
///
/// Defaults: α = 0.5, fixed in the authors' code and used in all the paper's image experiments
/// (its two-point experiment uses α = 1, no averaging). λ = 500, the authors' code default;
/// the paper sets λ = 1000/f without augmentation and 10/f² with DiffAugment for a data
/// fraction f (`paperWeight(dataFraction:augmented:)`), e.g. 10 000 and 1 000 at 10 % data.
public final class DigGAN: Regularizer {
    /// λ.
    public let weight: Float
    /// α, the weight of the current norms in the EMA; 1 means no averaging.
    public let alpha: Float
    /// Once per iteration, on its first D step, gain 1.
    public let schedule = RegularizationSchedule.oncePerIteration(.discriminator)

    /// The averaged norms g_real and g_fake of the last application, one per sample index;
    /// nil before the first one.
    public private(set) var averages: Averages?

    /// The per-sample-index EMAs of the gradient norms.
    public struct Averages: Codable, Equatable, Sendable {
        public var real: [Float]
        public var fake: [Float]
        public init(real: [Float], fake: [Float]) {
            self.real = real
            self.fake = fake
        }
    }

    /// - Parameters:
    ///   - weight: λ (the authors' code default 500; see `paperWeight`).
    ///   - alpha: α in (0, 1] (0.5 in the authors' code).
    public init(weight: Float = Options().weight, alpha: Float = Options().alpha) {
        precondition(weight >= 0 && weight.isFinite, "DigGAN: weight must be a non-negative number, got \(weight)")
        precondition(alpha > 0 && alpha <= 1, "DigGAN: alpha must lie in (0, 1], got \(alpha)")
        self.weight = weight
        self.alpha = alpha
    }

    /// The paper's λ for training on a fraction `dataFraction` ∈ (0, 1] of a data set
    /// (section 4): 1000/f without augmentation, 10/f² with DiffAugment.
    public static func paperWeight(dataFraction f: Float, augmented: Bool) -> Float {
        precondition(f > 0 && f <= 1, "DigGAN: the data fraction must lie in (0, 1], got \(f)")
        return augmented ? 10 / (f * f) : 1000 / f
    }

    public var name: String { "diggan" }
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let realNorms = Self.perSampleNorms(try realInputGradient(&context))
        let fakeNorms = Self.perSampleNorms(try Self.inputGradient(context.discriminator, context.fakeInputs))
        let n = realNorms.shape[0], share = context.share
        guard fakeNorms.shape[0] == n else {
            throw GANCoreError.invalidConfiguration("DigGAN pairs real and fake samples, but the batches hold \(n) and \(fakeNorms.shape[0])")
        }
        var real = realNorms, fake = fakeNorms
        if let previous = averages {
            let batch = share.wholeBatch(ofRows: n)
            guard previous.real.count == batch else {
                throw GANCoreError.invalidConfiguration("DigGAN keeps one average per sample index: the batch size changed from \(previous.real.count) to \(batch)")
            }
            real = Tensor(share.rows(previous.real)) * (1 - alpha) + realNorms * alpha
            fake = Tensor(share.rows(previous.fake)) * (1 - alpha) + fakeNorms * alpha
        }
        // Every process's rows, real then fake: [real₀, fake₀, real₁, fake₁, …].
        let gathered = try share.gather(real.scalars + fake.scalars)
        let processes = gathered.count / (2 * n)
        averages = Averages(real: (0..<processes).flatMap { gathered[(2 * $0) * n..<(2 * $0 + 1) * n] },
                            fake: (0..<processes).flatMap { gathered[(2 * $0 + 1) * n..<(2 * $0 + 2) * n] })
        let means = try share.mean([Double(realNorms.mean().item), Double(fakeNorms.mean().item)])
        context.metrics["diggan.realNorm"] = means[0]
        context.metrics["diggan.fakeNorm"] = means[1]
        return (fake - real).squared().mean() * weight
    }

    /// `∂(Σᵢ D(xᵢ))/∂x` on the real inputs as fed to D. Reuses the step's work when it can:
    /// without augmentation (the inputs are the images) it is `realImageGradient()`, shared
    /// with R1 and MS3D; when the main D pass is connected to the augmented inputs it is taken
    /// from that pass; otherwise a separate pass runs on the detached inputs.
    private func realInputGradient(_ context: inout RegularizationContext) throws -> Tensor {
        guard let inputs = context.realInputs, let images = context.realImages else {
            throw GANCoreError.invalidConfiguration("DigGAN needs the real batch: it runs in discriminator steps only")
        }
        if let id = inputs.gradientIdentity, id == images.gradientIdentity {
            return try context.realImageGradient()
        }
        if inputs.requiresGradient, let logits = context.realLogits, logits.requiresGradient {
            return try logits.sum().gradients(wrt: [inputs], createGraph: true)[0]
        }
        return try Self.inputGradient(context.discriminator, inputs)
    }

    /// `∂(Σᵢ D(xᵢ))/∂x` from a separate pass on `x` as a constant, with `createGraph: true`.
    static func inputGradient(_ discriminator: any Discriminator, _ x: Tensor) throws -> Tensor {
        let leaf = x.detached().requiringGradient()
        return try discriminator(leaf).sum().gradients(wrt: [leaf], createGraph: true)[0]
    }

    /// ‖gᵢ‖₂ over each sample's C·H·W values, [N]; its gradient at a zero norm is 0 (as
    /// `torch.norm`'s), not the NaN of differentiating √ at 0.
    static func perSampleNorms(_ g: Tensor) -> Tensor {
        let squares = g.flattened().squared().sum(axes: [1])
        let positive = squares.greater(than: 0)
        return Tensor.where(positive, Tensor.where(positive, squares, Tensor(1)).sqrt(), Tensor(0))
    }

    public func encodeState() throws -> Data? { try encode(SavedState(averages: averages)) }

    public func restoreState(from data: Data) throws {
        let saved = try decode(SavedState.self, from: data, component: name)
        if let a = saved.averages {
            guard a.real.count == a.fake.count, (a.real + a.fake).allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw GANCoreError.invalidComponentState(component: name, reason: "the averages must be paired non-negative numbers, got \(a.real.count) real and \(a.fake.count) fake")
            }
        }
        averages = saved.averages
    }

    /// The checkpointed state: the EMAs, or nil before the first application.
    private struct SavedState: Codable {
        var averages: Averages?
    }
}
