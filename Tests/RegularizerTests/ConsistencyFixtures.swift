import GANCore

/// A one-layer generator whose weight is given per call, z [N, 2] → tanh(z·Aᵀ) as 1×4×4 images,
/// so a penalty can be finite-differenced with respect to G's weight.
final class FunctionalGenerator: Generator {
    let a: Tensor
    let latentDimension = 2
    let outputSize = ImageSize(channels: 1, height: 4, width: 4)
    init(_ a: Tensor) { self.a = a }
    func callAsFunction(_ z: Tensor) -> Tensor {
        Tensor.matmul(z, a, transposeB: true).tanh().reshaped([z.shape[0], 1, 4, 4])
    }

    static func weight(seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.normal([16, 2], std: 0.7, using: &rng)
    }
}

extension Contexts {
    /// A context of `phase` with fakes G(z) from `generator` (detached in a D step, connected
    /// in a G step), reals given for a D step, no augmentation, and a random source of `seed`.
    static func consistency(phase: TrainingPhase, _ d: any Discriminator, _ g: any Generator, reals: Tensor?,
                            latents: Tensor, seed: UInt64 = 1) -> RegularizationContext {
        let made = g(latents)
        let fakes = phase == .discriminator ? made.detached() : made
        let n = latents.shape[0]
        return RegularizationContext(
            phase: phase, iteration: 0, phaseStep: 0, isFirstDiscriminatorStep: phase == .discriminator,
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
