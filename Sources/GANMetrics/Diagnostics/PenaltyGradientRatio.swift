import Foundation
import GANCore

/// How strongly each discriminator regularizer pulls on D's parameters compared with the
/// adversarial loss: `‖∇θ P_r‖₂ / ‖∇θ L_D‖₂`, θ all of D's trainable parameters (one vector),
/// P_r the penalty exactly as the regularizer returns it (its weight included, e.g. λ·MS3D or
/// γ/2·‖∇ₓD‖², its lazy gain not), L_D the pipeline's discriminator loss on the same batches.
/// A ratio far above 1 means D's step is the regularizer's step: issue 12 found 46 for MS3D at
/// λ = 100 at initialisation on DCGAN-32 in a PyTorch study of the same formulas (GANKit measures
/// 51, docs/ms3d-calibration.md), with D then
/// held at chance.
///
/// Measured on the diagnostics' fixed real and fake batches, without augmentation (the
/// context's `augment` is the identity) and with D as the caller has it (the diagnostics put it
/// in evaluation mode). Each regularizer gets a fresh context with `RandomSource(seed: 0)`, and a
/// stateful regularizer's state (LeCam's and DigGAN's EMAs) is saved before and restored after,
/// so measuring does not change the run. Regularizers of the generator phase, and those whose
/// penalty is nil at this point (e.g. before a start step), are left out; so is everything when
/// ‖∇θ L_D‖ is 0.
public enum PenaltyGradientRatio {
    /// Worked example (a test pins it): D(x) = w·x + b, the non-saturating loss and a penalty
    /// λ·‖w‖² give ‖∇θ P‖ = 2λ‖w‖ against ‖∇θ L_D‖ computed by hand from σ.
    public static func of(discriminator d: any Discriminator, generator: any Generator, loss: any AdversarialLoss,
                          regularizers: [any Regularizer], reals: Tensor, latents: Tensor, fakes: Tensor,
                          iteration: Int) throws -> [String: Double] {
        let own = regularizers.filter { $0.schedule.phase == .discriminator }
        guard !own.isEmpty else { return [:] }
        let parameters = d.trainableParameters().map(\.value)
        let n = reals.shape[0]
        let adversarial = loss.discriminatorLoss(real: d(reals.detached()).reshaped([n]), fake: d(fakes.detached()).reshaped([n]))
        let lossNorm = norm(try adversarial.gradients(wrt: parameters))
        guard lossNorm > 0 else { return [:] }
        var ratios: [String: Double] = [:]
        for r in own {
            let saved = try r.encodeState()
            defer { if let saved { try? r.restoreState(from: saved) } }
            let x = reals.detached().requiringGradient(), f = fakes.detached()
            var context = RegularizationContext(
                phase: .discriminator, iteration: iteration, phaseStep: iteration,
                generator: generator, discriminator: d, augment: { images, _ in images },
                realImages: x, realInputs: x, realLogits: d(x).reshaped([n]),
                latents: latents, fakeInputs: f, fakeLogits: d(f).reshaped([n]), random: RandomSource(seed: 0), fakeImages: f)
            guard let penalty = try r.penalty(&context) else { continue }
            ratios[r.name] = norm(try penalty.gradients(wrt: parameters)) / lossNorm
        }
        return ratios
    }

    /// ‖(g₁, g₂, …)‖₂ over all the tensors' elements.
    static func norm(_ gradients: [Tensor]) -> Double {
        gradients.reduce(0.0) { $0 + Double($1.squared().sum().item) }.squareRoot()
    }
}
