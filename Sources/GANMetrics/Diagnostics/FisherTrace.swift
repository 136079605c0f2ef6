import Foundation
import GANCore

/// The trace of the discriminator's diagonal Fisher information (MS3D paper, Wang et al., ICML
/// 2024, section 3.2, eqs. 3–4, Fig. 4; the diagonal as in Achille et al., "Critical learning
/// periods in deep networks", ICLR 2019).
///
/// D is read as the classifier it is trained as: p(real | x) = σ(D(x)). Achille et al.'s Fisher
/// takes the expectation over labels drawn from the model itself, y ~ p_θ(y|x), not over the
/// data's labels (that would be the "empirical" Fisher). For a Bernoulli output the expectation
/// has a closed form, because ∂ log σ(D)/∂θ = (1 − p)·∂D/∂θ and ∂ log(1 − σ(D))/∂θ = −p·∂D/∂θ:
///
///     F_jj = mean_n E_{y~p_n} (∂ log p(y|x_n)/∂θ_j)² = mean_n p_n(1 − p_n)·(∂D(x_n)/∂θ_j)²
///     tr F = mean_n p_n(1 − p_n)·‖∇_θ D(x_n)‖²,     p_n = σ(D(x_n)),
///
/// with θ D's trainable parameters and n over the images given (GANKit passes the fixed real
/// batch and an equally large fixed fake batch, the two inputs the paper's section 3.2 names).
/// No labels are sampled, so the value is exact and reproducible. The paper's own wording
/// ("the output is the gradient of the discriminator with respect to the input") leaves the
/// output distribution unspecified; the classifier reading is GANKit's documented choice.
/// One forward and backward pass per image (the per-sample parameter gradients).
public enum FisherTrace {
    /// tr F over the images [N, C, H, W].
    public static func of(_ discriminator: any Discriminator, images: Tensor) throws -> Double {
        let parameters = discriminator.trainableParameters().map(\.value)
        precondition(images.rank == 4 && images.shape[0] >= 1, "FisherTrace: need a [N, C, H, W] batch, got \(images.shape)")
        var total = 0.0
        for n in 0..<images.shape[0] {
            let logit = discriminator(images.slice(axis: 0, range: n..<(n + 1)).detached()).sum()
            let p = 1 / (1 + exp(-Double(logit.item)))
            let squaredNorm = try logit.gradients(wrt: parameters).reduce(0.0) { $0 + Double($1.squared().sum().item) }
            total += p * (1 - p) * squaredNorm
        }
        return total / Double(images.shape[0])
    }
}
