import Foundation
import GANCore

/// LeCam regularisation (Tseng, Jiang, Liu, Yang and Yang, "Regularizing generative
/// adversarial networks under limited data", CVPR 2021, eq. 3 and the authors' code): it keeps
/// D's outputs on reals near an average of its past outputs on fakes and vice versa, which bounds
/// how far D can drift apart on a small training set.
///
/// On every discriminator step, before the penalty, two plain-number EMAs are updated from D's
/// logits on the step's real and fake batch (the logits of the adversarial loss, i.e. after the
/// pipeline's augmentation, as the authors run it together with DiffAugment):
///
///     ema_real ← γ·ema_real + (1 − γ)·mean D(x_real)
///     ema_fake ← γ·ema_fake + (1 − γ)·mean D(G(z))
///
/// with γ = 0 while step < `startStep`, so the EMAs just track the last batch until then. Once
/// step > `startStep` (strictly, as in the authors' code) the penalty is
///
///     R = mean(relu(D(x_real) − ema_fake)²) + mean(relu(ema_real − D(G(z)))²)
///
/// (the code's one-sided form; `twoSided` drops the relu as in the paper's eq. 3) and
/// `L_D += λ·R`. "step" is the discriminator-phase step index `context.phaseStep` (D steps done
/// before this one), so with several D steps per iteration the start step counts D steps.
///
/// Defaults: λ = 0.3 (the paper's value for BigGAN/DCGAN-scale models), γ = 0.99 (the paper;
/// the authors' CIFAR code used 0.9), startStep = 1000 (the authors' code). The EMAs start at
/// 0 — the authors' code starts them at 1000, which leaks into the penalty when startStep is 0.
/// The EMAs are the regularizer's checkpointed state (`encodeState`/`restoreState`) and are
/// logged as `lecam.emaReal` and `lecam.emaFake`.
///
/// The means are of the whole batch (`RegularizationContext.share.mean`): in a data-parallel
/// run each process's means are averaged over the processes before the update, so the EMAs
/// are the same in every process and equal a single process's, and given them the penalty is a
/// mean of per-sample terms (`isMeanOverSamples`).
public final class LeCam: Regularizer {
    /// λ.
    public let weight: Float
    /// γ, the EMA decay once the start step is reached.
    public let decay: Double
    /// The D step from which the EMAs decay; the penalty runs from the step after it.
    public let startStep: Int
    /// Whether the penalty is the paper's two-sided squared distance rather than the code's
    /// one-sided (relu) form.
    public let twoSided: Bool
    public let schedule = RegularizationSchedule.everyStep(.discriminator)

    /// The EMA of mean D(x_real).
    public private(set) var emaReal = 0.0
    /// The EMA of mean D(G(z)).
    public private(set) var emaFake = 0.0

    /// - Parameters:
    ///   - weight: λ (0.3, the paper's BigGAN/DCGAN value).
    ///   - decay: γ in [0, 1) (0.99, the paper's).
    ///   - startStep: D steps with γ = 0 before the EMAs decay (1000, the authors' code).
    ///   - twoSided: use the paper's squared distances instead of the code's relu form.
    public init(weight: Float = Options().weight, decay: Double = Options().decay, startStep: Int = Options().startStep,
                twoSided: Bool = Options().twoSided) {
        precondition(weight >= 0 && weight.isFinite, "LeCam: weight must be a non-negative number, got \(weight)")
        precondition(decay >= 0 && decay < 1, "LeCam: decay must lie in [0, 1), got \(decay)")
        precondition(startStep >= 0, "LeCam: startStep must be ≥ 0, got \(startStep)")
        self.weight = weight
        self.decay = decay
        self.startStep = startStep
        self.twoSided = twoSided
    }

    public var name: String { "lecam" }
    public var isMeanOverSamples: Bool { true }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        guard context.phase == .discriminator, let realLogits = context.realLogits else {
            throw GANCoreError.invalidConfiguration("LeCam runs in discriminator steps, which have real logits")
        }
        let step = context.phaseStep
        let means = try context.share.mean([Double(realLogits.mean().item), Double(context.fakeLogits.mean().item)])
        updateAverages(realMean: means[0], fakeMean: means[1], step: step)
        context.metrics["lecam.emaReal"] = emaReal
        context.metrics["lecam.emaFake"] = emaFake
        guard step > startStep else { return nil }
        return Self.penalty(realLogits: realLogits, fakeLogits: context.fakeLogits,
                            emaReal: Float(emaReal), emaFake: Float(emaFake), twoSided: twoSided) * weight
    }

    /// One EMA update at D step `step`: γ is 0 before `startStep`, `decay` from it on.
    public func updateAverages(realMean: Double, fakeMean: Double, step: Int) {
        let gamma = step < startStep ? 0 : decay
        emaReal = gamma * emaReal + (1 - gamma) * realMean
        emaFake = gamma * emaFake + (1 - gamma) * fakeMean
    }

    /// R without λ: `mean(relu(D(x_real) − ema_fake)²) + mean(relu(ema_real − D(G(z)))²)`, or
    /// without the relus when `twoSided`. Differentiable in the logits.
    public static func penalty(realLogits: Tensor, fakeLogits: Tensor, emaReal: Float, emaFake: Float,
                               twoSided: Bool = false) -> Tensor {
        let realGap = realLogits - emaFake
        let fakeGap = emaReal - fakeLogits
        if twoSided { return realGap.squared().mean() + fakeGap.squared().mean() }
        return realGap.relu().squared().mean() + fakeGap.relu().squared().mean()
    }

    /// The checkpointed state: both EMAs.
    struct State: Codable {
        var emaReal: Double
        var emaFake: Double
    }

    public func encodeState() throws -> Data? { try encode(State(emaReal: emaReal, emaFake: emaFake)) }

    public func restoreState(from data: Data) throws {
        let state = try decode(State.self, from: data, component: name)
        emaReal = state.emaReal
        emaFake = state.emaFake
    }
}
