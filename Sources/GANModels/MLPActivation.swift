import GANNN

/// The activation between the Linear layers of `MLPGenerator` and `MLPDiscriminator`.
public enum MLPActivation: Codable, Hashable, Sendable {
    /// max(x, 0).
    case relu
    /// x for x > 0, slope·x otherwise.
    case leakyReLU(slope: Float)
    /// tanh, the generator's activation in DigGAN's two-point experiment (Fang et al. 2022,
    /// section 3.3).
    case tanh
    /// The logistic function, the discriminator's activation in that experiment.
    case sigmoid

    /// A fresh layer applying this activation.
    func layer() -> any Layer {
        switch self {
        case .relu: ReLU()
        case .leakyReLU(let slope): LeakyReLU(slope: slope)
        case .tanh: Tanh()
        case .sigmoid: Sigmoid()
        }
    }
}
