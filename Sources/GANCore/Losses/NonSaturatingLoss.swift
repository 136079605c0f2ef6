import GANTensor

/// The non-saturating GAN loss (Goodfellow et al. 2014, section 3):
/// `L_D = mean softplus(−D(x)) + mean softplus(D(G(z)))`, `L_G = mean softplus(−D(G(z)))`.
public struct NonSaturatingLoss: AdversarialLoss {
    public init() {}
    public var name: String { "non-saturating" }
    /// Both losses are means of per-sample terms.
    public var isMeanOverSamples: Bool { true }
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        (-real).softplus().mean() + fake.softplus().mean()
    }
    public func generatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        (-fake).softplus().mean()
    }
}
