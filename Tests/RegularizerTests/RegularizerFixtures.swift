import Foundation
import GANCore
import GANTestSupport

/// An identity generator stand-in (penalties in the D phase never call G).
final class UnusedGenerator: Generator {
    let latentDimension = 2
    let outputSize = ImageSize(channels: 1, height: 4, width: 4)
    func callAsFunction(_ z: Tensor) -> Tensor { Tensor.zeros([z.shape[0], 1, 4, 4]) }
}

enum Contexts {
    /// A D-phase context whose real batch requires a gradient and whose logits come from `d`; no
    /// augmentation, so the fakes D saw are the fakes before augmentation.
    static func discriminatorPhase(_ d: any Discriminator, reals: Tensor, fakes: Tensor, step: Int = 0) -> RegularizationContext {
        let realImages = reals.detached().requiringGradient()
        let n = reals.shape[0]
        return RegularizationContext(
            phase: .discriminator, iteration: step, phaseStep: step,
            generator: UnusedGenerator(), discriminator: d, augment: { x, _ in x },
            realImages: realImages, realInputs: realImages, realLogits: d(realImages).reshaped([n]),
            latents: Tensor.zeros([n, 2]), fakeInputs: fakes, fakeLogits: d(fakes).reshaped([fakes.shape[0]]),
            random: RandomSource(seed: 1), fakeImages: fakes)
    }

    static func batch(_ n: Int, seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform([n, 1, 4, 4], low: -1, high: 1, using: &rng)
    }
}
