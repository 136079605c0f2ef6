import GANTensor

/// The Wasserstein loss (Arjovsky et al. 2017): `L_D = mean D(G(z)) − mean D(x)`,
/// `L_G = −mean D(G(z))`. The critic's Lipschitz constraint is left to a regularizer or to
/// spectral normalisation.
public struct WassersteinLoss: AdversarialLoss {
    public init() {}
    public var name: String { "wasserstein" }
    /// Both losses are means of per-sample terms.
    public var isMeanOverSamples: Bool { true }
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        fake.mean() - real.mean()
    }
    public func generatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        -fake.mean()
    }
}
