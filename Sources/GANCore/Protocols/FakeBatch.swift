import GANTensor

/// A step's fakes as a regularizer sees them (`RegularizationContext`): G's images before
/// augmentation (nil when not supplied), the inputs D read and its logits on them, either given
/// or made by a closure on first read and kept. A class, so copies of a context share one batch.
final class FakeBatch {
    private let make: () -> (images: Tensor?, inputs: Tensor, logits: Tensor)
    /// The batch, made on first read.
    private(set) lazy var value: (images: Tensor?, inputs: Tensor, logits: Tensor) = make()

    /// The given tensors.
    init(images: Tensor?, inputs: Tensor, logits: Tensor) {
        make = { (images, inputs, logits) }
    }

    /// Tensors `make` returns when first read.
    init(_ make: @escaping () -> (images: Tensor?, inputs: Tensor, logits: Tensor)) {
        self.make = make
    }
}
