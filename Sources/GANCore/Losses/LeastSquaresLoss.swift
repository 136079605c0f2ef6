import GANTensor

/// The least-squares loss (Mao et al. 2017, eq. 2 with a = 0, b = c = 1), keeping the paper's ½:
/// `L_D = ½ mean (D(x) − 1)² + ½ mean D(G(z))²`, `L_G = ½ mean (D(G(z)) − 1)²`.
/// Several public codes drop the ½; that only rescales the gradients by 2.
public struct LeastSquaresLoss: AdversarialLoss {
    public init() {}
    public var name: String { "least-squares" }
    /// Both losses are means of per-sample terms.
    public var isMeanOverSamples: Bool { true }
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        ((real - 1).squared().mean() + fake.squared().mean()) * 0.5
    }
    public func generatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        (fake - 1).squared().mean() * 0.5
    }
}
