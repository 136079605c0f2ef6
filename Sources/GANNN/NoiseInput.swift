import GANTensor

/// StyleGAN's per-pixel noise input with a learned strength (Karras et al., "A Style-Based
/// Generator Architecture", CVPR 2019, §2; stylegan2-ada-pytorch's `SynthesisLayer`):
/// y = x + strength · noise, one noise value per pixel shared by the channels
/// (noise [N, 1, H, W]). The strength is a scalar initialised to 0, as the official
/// `noise_strength`; the layer also keeps a fixed noise image (`noise_const`, N(0, 1) of
/// H×W drawn at creation) for the official `noise_mode='const'`.
public final class NoiseInput: Module {
    /// The scalar strength, stored with shape [].
    public let strength: Parameter
    /// The fixed noise image [resolution, resolution].
    public let constantNoise: Buffer

    /// A noise input for images of `resolution`×`resolution`.
    public init(resolution: Int, using rng: inout RandomSource) {
        precondition(resolution > 0, "NoiseInput: resolution must be positive, got \(resolution)")
        self.strength = Parameter("noise_strength", Tensor(0))
        self.constantNoise = Buffer("noise_const", Tensor.normal([resolution, resolution], using: &rng))
    }

    public var ownParameters: [Parameter] { [strength] }
    public var ownBuffers: [Buffer] { [constantNoise] }

    /// x [N, C, H, W] plus strength · `noise` [N, 1, H, W] (the caller's noise).
    public func callAsFunction(_ x: Tensor, noise: Tensor) -> Tensor {
        precondition(x.rank == 4 && noise.shape == [x.shape[0], 1, x.shape[2], x.shape[3]],
                     "NoiseInput: noise \(noise.shape) must be [\(x.shape.first ?? 0), 1, H, W] for input \(x.shape)")
        return x + noise * strength.value.reshaped([1, 1, 1, 1])
    }

    /// x plus strength · noise with the noise drawn from N(0, 1) by `rng` (`noise_mode='random'`).
    public func callAsFunction<R: RandomDrawing>(_ x: Tensor, using rng: inout R) -> Tensor {
        precondition(x.rank == 4, "NoiseInput: expected [N, C, H, W], got \(x.shape)")
        let noise = Tensor.make([x.shape[0], 1, x.shape[2], x.shape[3]]) { out in
            for i in out.indices { out[i] = rng.normal() }
        }
        return callAsFunction(x, noise: noise)
    }

    /// x plus strength · the fixed noise image, the same for every sample (`noise_mode='const'`).
    public func constant(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && [x.shape[2], x.shape[3]] == constantNoise.shape,
                     "NoiseInput: input \(x.shape) must be [N, C, \(constantNoise.shape[0]), \(constantNoise.shape[1])]")
        let noise = constantNoise.value.reshaped([1, 1, x.shape[2], x.shape[3]]).expand(to: [x.shape[0], 1, x.shape[2], x.shape[3]])
        return callAsFunction(x, noise: noise)
    }
}
