import GANTensor

/// The hinge loss (Lim & Ye 2017; Miyato et al. 2018):
/// `L_D = mean relu(1 − D(x)) + mean relu(1 + D(G(z)))`, `L_G = −mean D(G(z))`.
public struct HingeLoss: AdversarialLoss {
    public init() {}
    public var name: String { "hinge" }
    /// Both losses are means of per-sample terms.
    public var isMeanOverSamples: Bool { true }
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        (1 - real).relu().mean() + (1 + fake).relu().mean()
    }
    public func generatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        -fake.mean()
    }
}
