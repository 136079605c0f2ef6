import GANNN
import GANTensor

/// StyleGAN2's mapping network z → w (Karras et al., "A Style-Based Generator Architecture",
/// CVPR 2019, §2; as stylegan2-ada-pytorch's `MappingNetwork`, `training/networks.py`):
///
///     x = z / √(mean(z²) + 1e-8)                      (normalize_2nd_moment)
///     w = fc_{L−1}(… fc_0(x))                         (leaky ReLU 0.2, gain √2, lr multiplier 0.01)
///
/// every layer `EqualizedLinear` with the official learning-rate multiplier 0.01 and width w_dim.
/// While training, the generator tracks the running mean of w (`w_avg`, decay β = 0.995, the
/// official `w_avg_beta`) with `updateAverage(with:)`; truncation pulls w towards it,
/// w' = w_avg + ψ·(w − w_avg) (the official `truncation_psi`). The layers are named "fc0" … and
/// the average "w_avg", as the official module.
public final class StyleGAN2MappingNetwork: Module {
    /// Length of z.
    public let latentDimension: Int
    /// Length of w (w_dim).
    public let styleDimension: Int
    /// fc0 … fc{L−1}.
    public let layers: [EqualizedLinear]
    /// w_avg [w_dim], the running mean of w.
    public let averageStyle: Buffer
    /// β of the running mean: w_avg ← mean(w) + β·(w_avg − mean(w)).
    public let averageDecay: Float

    /// A mapping network of `layerCount` layers from z [N, `latentDimension`] to
    /// w [N, `styleDimension`]; the defaults are the official ones (8 layers, leaky ReLU, lr 0.01,
    /// β 0.995).
    public init(latentDimension: Int, styleDimension: Int, layerCount: Int = 8, activation: BiasActivation = .leakyReLU,
                learningRateMultiplier: Float = 0.01, averageDecay: Float = 0.995, using rng: inout RandomSource) {
        precondition(latentDimension > 0 && styleDimension > 0 && layerCount >= 1,
                     "StyleGAN2MappingNetwork: latent \(latentDimension), style \(styleDimension) and layers \(layerCount) must be positive")
        self.latentDimension = latentDimension
        self.styleDimension = styleDimension
        layers = (0..<layerCount).map { index in
            EqualizedLinear(index == 0 ? latentDimension : styleDimension, styleDimension, activation: activation,
                            learningRateMultiplier: learningRateMultiplier, using: &rng)
        }
        averageStyle = Buffer("w_avg", Tensor.zeros([styleDimension]))
        self.averageDecay = averageDecay
    }

    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { ("fc\($0.offset)", $0.element as any Module) }
    }
    public var ownBuffers: [Buffer] { [averageStyle] }

    /// z / √(mean(z²) over features + 1e-8), the official `normalize_2nd_moment`.
    public static func normalizeSecondMoment(_ z: Tensor) -> Tensor {
        z * ((z * z).mean(axes: [1], keepDims: true) + 1e-8).pow(-0.5)
    }

    /// w for z [N, latentDimension], pulled towards w_avg by `truncationPsi` when it is not 1.
    public func callAsFunction(_ z: Tensor, truncationPsi: Float = 1) -> Tensor {
        precondition(z.rank == 2 && z.shape[1] == latentDimension,
                     "StyleGAN2MappingNetwork: latents must be [N, \(latentDimension)], got \(z.shape)")
        let w = layers.reduce(Self.normalizeSecondMoment(z)) { $1($0) }
        return truncationPsi == 1 ? w : truncated(w, psi: truncationPsi)
    }

    /// w_avg + ψ·(w − w_avg).
    public func truncated(_ w: Tensor, psi: Float) -> Tensor {
        let average = averageStyle.value.reshaped([1, styleDimension])
        return average + psi * (w - average)
    }

    /// Moves w_avg towards the batch mean of `w` [N, w_dim] (its values only; nothing recorded).
    public func updateAverage(with w: Tensor) {
        let mean = w.detached().mean(axes: [0]).scalars
        let old = averageStyle.value.scalars
        let beta = averageDecay
        averageStyle.assign(Tensor(shape: [styleDimension], values: zip(mean, old).map { m, a in m + beta * (a - m) }))
    }
}
