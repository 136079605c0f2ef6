import GANTensor

/// [N, d1, d2, …] → [N, d1·d2·…], keeping the batch axis (row-major, so NCHW features are
/// flattened channel first, as `torch.flatten(x, 1)`).
public final class Flatten: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.flattened() }
}

/// [N, …] → [N] + `shape`, keeping the batch axis; one extent of `shape` may be −1.
public final class Reshape: Layer {
    /// The per-sample shape of the output.
    public let shape: [Int]
    public init(_ shape: [Int]) { self.shape = shape }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 1, "Reshape(\(shape)): input needs a batch axis, got shape \(x.shape)")
        return x.reshaped([x.shape[0]] + shape)
    }
}
