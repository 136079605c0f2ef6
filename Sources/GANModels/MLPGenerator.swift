import GANCore
import GANNN
import GANTensor

/// A fully connected generator for low-dimensional toy data: the 8-Gaussians ring of
/// Gulrajani et al. 2017 (2-D) and the two-point experiment of DigGAN (Fang et al., "DigGAN:
/// Discriminator gradIent Gap Regularization for GAN Training with Limited Data", NeurIPS
/// 2022, section 3.3: "a 4-layer fully connected network with 5 neurons per layer and tanh
/// activation", 1-D).
///
/// z [N, latentDimension] → `depth` Linear layers (latent → hidden → … → hidden →
/// outputDimension) with `activation` after every one but the last → optional
/// `outputActivation` → points as images [N, outputDimension, 1, 1]. The output is linear by
/// default, since toy data need not lie in [−1, 1]. PyTorch's default initialisation.
public final class MLPGenerator: Generator {
    public let latentDimension: Int
    public let outputSize: ImageSize
    /// The Linear layers and activations, input side first.
    public let net: Sequential

    /// A generator of `outputDimension`-dimensional points with `depth` ≥ 2 Linear layers of
    /// `hidden` units.
    public init(latentDimension: Int, outputDimension: Int, hidden: Int = 128, depth: Int = 4,
                activation: MLPActivation = .relu, outputActivation: MLPActivation? = nil, using rng: inout RandomSource) {
        precondition(latentDimension > 0 && outputDimension > 0 && hidden > 0,
                     "MLPGenerator: latent dimension \(latentDimension), output dimension \(outputDimension) and hidden \(hidden) must be positive")
        precondition(depth >= 2, "MLPGenerator: depth counts the Linear layers and must be ≥ 2, got \(depth)")
        self.latentDimension = latentDimension
        outputSize = ImageSize(channels: outputDimension, height: 1, width: 1)
        var layers: [any Layer] = []
        for index in 0..<depth {
            let isLast = index == depth - 1
            layers.append(Linear(index == 0 ? latentDimension : hidden, isLast ? outputDimension : hidden, using: &rng))
            if !isLast { layers.append(activation.layer()) }
        }
        if let outputActivation { layers.append(outputActivation.layer()) }
        net = Sequential(layers)
    }

    public var children: [(name: String, module: any Module)] { [("net", net)] }

    public func callAsFunction(_ z: Tensor) -> Tensor {
        precondition(z.rank == 2 && z.shape[1] == latentDimension,
                     "MLPGenerator: latents must be [N, \(latentDimension)], got \(z.shape)")
        return net(z).reshaped([z.shape[0], outputSize.channels, 1, 1])
    }
}
