import GANCore

/// A one-hidden-layer discriminator whose weights are given per call, so that a penalty can be
/// finite-differenced with respect to them (`RegularizerConformance` does):
///
///     D(x) = tanh(flatten(x) · Wₕᵀ) · Wₒᵀ,   Wₕ [hidden, C·H·W],  Wₒ [1, hidden]
///
/// tanh keeps every second derivative non-zero, so a gradient penalty's path through D's input
/// gradient is exercised in full. It has no parameters of its own (`blocks` is empty): pass
/// weight tensors that require a gradient to differentiate with respect to them.
public final class FunctionalDiscriminator: Discriminator {
    /// Wₕ, [hidden, C·H·W].
    public let hidden: Tensor
    /// Wₒ, [1, hidden].
    public let head: Tensor
    public let inputSize: ImageSize

    /// D with weights `hidden` [h, C·H·W] and `head` [1, h] for images of `inputSize`.
    public init(_ hidden: Tensor, _ head: Tensor, inputSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4)) {
        let count = inputSize.channels * inputSize.height * inputSize.width
        precondition(hidden.rank == 2 && hidden.shape[1] == count && head.shape == [1, hidden.shape[0]],
                     "FunctionalDiscriminator: weights \(hidden.shape) and \(head.shape) do not fit \(inputSize) images")
        self.hidden = hidden
        self.head = head
        self.inputSize = inputSize
    }

    /// D with `weights` = [Wₕ, Wₒ], as `weights(seed:inputSize:hiddenUnits:)` returns them.
    public convenience init(weights: [Tensor], inputSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4)) {
        precondition(weights.count == 2, "FunctionalDiscriminator: expected [hidden, head] weights, got \(weights.count) tensors")
        self.init(weights[0], weights[1], inputSize: inputSize)
    }

    public var blocks: [any Module] { [] }

    /// D(x), [N, 1].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.matmul(features(x), head, transposeB: true)
    }

    /// The hidden activations tanh(flatten(x) · Wₕᵀ), [N, hidden].
    public func features(_ x: Tensor) -> Tensor {
        Tensor.matmul(x.flattened(), hidden, transposeB: true).tanh()
    }

    /// Weights drawn from N(0, 0.5²), Wₕ first: large enough that tanh is well away from linear.
    public static func weights(seed: UInt64, inputSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4),
                               hiddenUnits: Int = 6) -> (hidden: Tensor, head: Tensor) {
        var rng = RandomSource(seed: seed)
        let count = inputSize.channels * inputSize.height * inputSize.width
        return (Tensor.normal([hiddenUnits, count], std: 0.5, using: &rng), Tensor.normal([1, hiddenUnits], std: 0.5, using: &rng))
    }
}
