import GANCore
import GANTestSupport

extension Contexts {
    /// A context of `phase` with fakes G(z) from `generator` (detached in a D step, connected
    /// in a G step), reals given for a D step, no augmentation, and a random source of `seed`.
    static func consistency(phase: TrainingPhase, _ d: any Discriminator, _ g: any Generator, reals: Tensor?,
                            latents: Tensor, seed: UInt64 = 1) -> RegularizationContext {
        let made = g(latents)
        let fakes = phase == .discriminator ? made.detached() : made
        let n = latents.shape[0]
        return RegularizationContext(
            phase: phase, iteration: 0, phaseStep: 0,
            generator: g, discriminator: d, augment: { x, _ in x },
            realImages: reals, realInputs: reals, realLogits: reals.map { d($0).reshaped([$0.shape[0]]) },
            latents: latents, fakeInputs: fakes, fakeLogits: d(fakes).reshaped([n]),
            random: RandomSource(seed: seed), fakeImages: fakes)
    }

    static func latents(_ n: Int, seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.normal([n, 2], using: &rng)
    }
}
