import GANNN
import GANTensor

/// A generator: maps latent vectors z [N, latentDimension] to images [N, C, H, W] in [−1, 1].
public protocol Generator: Module {
    /// Length of the latent vector z.
    var latentDimension: Int { get }
    /// The size of the images it makes.
    var outputSize: ImageSize { get }
    /// G(z).
    func callAsFunction(_ z: Tensor) -> Tensor
}
