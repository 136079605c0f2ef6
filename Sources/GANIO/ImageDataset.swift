import GANTensor

/// An in-memory set of equally sized square images: one contiguous [N, C, R, R] tensor with
/// values in [-1, 1]. Small data sets (a few thousand images at 32–64 px) fit comfortably.
public protocol ImageDataset {
    /// All images, [N, C, R, R], values in [-1, 1].
    var images: Tensor { get }
}

extension ImageDataset {
    /// Number of images N.
    public var count: Int { images.shape[0] }
    /// Channels per image C (1 gray, 3 RGB).
    public var channels: Int { images.shape[1] }
    /// Side R of the square images.
    public var resolution: Int { images.shape[2] }

    /// The images at `indices`, in that order (repeats allowed), as a new [B, C, R, R] tensor.
    public func batch(indices: [Int]) -> Tensor {
        let all = images
        let n = all.shape[0]
        let item = all.count / max(n, 1)
        var shape = all.shape
        shape[0] = indices.count
        return Tensor.make(shape) { out in
            all.withUnsafeBufferPointer { src in
                for (b, i) in indices.enumerated() {
                    precondition(i >= 0 && i < n, "ImageDataset.batch: index \(i) out of range 0..<\(n)")
                    (out.baseAddress! + b * item).update(from: src.baseAddress! + i * item, count: item)
                }
            }
        }
    }

    /// A uniformly random permutation of `0..<count` (Fisher–Yates), reproducible from the
    /// state of `rng`. Walk it in slices of the batch size for an epoch without repeats.
    public func shuffledIndices(using rng: inout RandomSource) -> [Int] {
        var order = Array(0..<count)
        var i = order.count - 1
        while i > 0 {
            order.swapAt(i, rng.integer(in: 0...i))
            i -= 1
        }
        return order
    }
}
