import GANNN
import GANTensor

/// A discriminator: maps images [N, C, H, W] to raw logits [N] or [N, 1].
public protocol Discriminator: Module {
    /// D(x), the raw logit (no sigmoid).
    func callAsFunction(_ x: Tensor) -> Tensor
    /// D's penultimate features [N, F]: what D's last layer (its head) reads for each image,
    /// flattened. The embedding diagnostics use them (MS3D paper, Wang et al., ICML 2024,
    /// Fig. 8c and Appendix A.3: D as a feature extractor for real images).
    func features(_ x: Tensor) -> Tensor
    /// The size of the images it reads.
    var inputSize: ImageSize { get }
    /// The blocks of D in order from the input (from-RGB and the highest resolutions first) to
    /// the head. Freeze-D freezes a prefix of this list; their parameters together with the
    /// others' must be all of D's parameters.
    var blocks: [any Module] { get }
}
