import GANTensor

/// The relativistic average hinge loss (Jolicoeur-Martineau 2019, RaHinge):
/// `L_D = ½[mean relu(1 − (D(x) − mean D(G(z)))) + mean relu(1 + (D(G(z)) − mean D(x)))]`,
/// and `L_G` the same with real and fake swapped.
public struct RelativisticHingeLoss: AdversarialLoss {
    public init() {}
    public var name: String { "relativistic-hinge" }
    public var generatorUsesRealLogits: Bool { true }
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        Self.loss(preferred: real, other: fake)
    }
    public func generatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        Self.loss(preferred: fake, other: real)
    }
    private static func loss(preferred: Tensor, other: Tensor) -> Tensor {
        ((1 - (preferred - other.mean())).relu().mean() + (1 + (other - preferred.mean())).relu().mean()) * 0.5
    }
}
