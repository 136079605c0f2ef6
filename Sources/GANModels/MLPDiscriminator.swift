import GANCore
import GANNN
import GANTensor

/// A fully connected discriminator for low-dimensional toy data, the partner of
/// `MLPGenerator` (DigGAN's two-point experiment, Fang et al., NeurIPS 2022, section 3.3, uses
/// "a 4-layer fully connected network with 10 neurons per layer and sigmoid activation").
///
/// Points as images [N, inputDimension, 1, 1] → flatten → `depth` Linear layers (input →
/// hidden → … → hidden → 1) with `activation` after every one but the last → a raw logit
/// [N, 1]. PyTorch's default initialisation.
///
/// `blocks` are, from the input: each (Linear, activation) pair, then the last Linear. They
/// are views of the layers in `net`, so Freeze-D can freeze a prefix of them.
public final class MLPDiscriminator: Discriminator {
    public let inputSize: ImageSize
    /// The Linear layers and activations, input side first.
    public let net: Sequential
    public let blocks: [any Module]

    /// A discriminator of `inputDimension`-dimensional points with `depth` ≥ 2 Linear layers of
    /// `hidden` units.
    public init(inputDimension: Int, hidden: Int = 128, depth: Int = 4,
                activation: MLPActivation = .leakyReLU(slope: 0.2), using rng: inout RandomSource) {
        precondition(inputDimension > 0 && hidden > 0,
                     "MLPDiscriminator: input dimension \(inputDimension) and hidden \(hidden) must be positive")
        precondition(depth >= 2, "MLPDiscriminator: depth counts the Linear layers and must be ≥ 2, got \(depth)")
        inputSize = ImageSize(channels: inputDimension, height: 1, width: 1)
        var layers: [any Layer] = []
        var blocks: [any Module] = []
        for index in 0..<depth {
            let isLast = index == depth - 1
            let linear = Linear(index == 0 ? inputDimension : hidden, isLast ? 1 : hidden, using: &rng)
            if isLast {
                layers.append(linear)
                blocks.append(linear)
            } else {
                let act = activation.layer()
                layers += [linear, act]
                blocks.append(Sequential([linear, act]))
            }
        }
        net = Sequential(layers)
        self.blocks = blocks
    }

    public var children: [(name: String, module: any Module)] { [("net", net)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        net.layers.last!(features(x))
    }

    /// The activations after the last hidden layer, [N, hidden]: what the final Linear reads.
    public func features(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && Array(x.shape.dropFirst()) == inputSize.shape,
                     "MLPDiscriminator: points must be [N, \(inputSize.channels), 1, 1], got \(x.shape)")
        return net.layers.dropLast().reduce(x.flattened()) { $1($0) }
    }
}
