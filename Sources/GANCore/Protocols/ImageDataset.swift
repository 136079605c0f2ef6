import GANTensor

/// A finite set of training images, all of one size, addressable by index.
public protocol ImageDataset {
    /// Number of images.
    var count: Int { get }
    /// The size of every image.
    var imageSize: ImageSize { get }
    /// The images at `indices` as one [indices.count, C, H, W] tensor in [−1, 1].
    func images(at indices: [Int]) -> Tensor
}

/// An in-memory data set holding all images in one [N, C, H, W] tensor.
public struct TensorDataset: ImageDataset {
    /// The images, [N, C, H, W].
    public let tensor: Tensor

    public init(_ tensor: Tensor) {
        precondition(tensor.rank == 4, "TensorDataset: images must be [N, C, H, W], got \(tensor.shape)")
        self.tensor = tensor.detached()
    }

    public var count: Int { tensor.shape[0] }
    public var imageSize: ImageSize { ImageSize(channels: tensor.shape[1], height: tensor.shape[2], width: tensor.shape[3]) }

    public func images(at indices: [Int]) -> Tensor {
        let per = imageSize.channels * imageSize.height * imageSize.width
        return Tensor.make([indices.count] + imageSize.shape) { out in
            tensor.withUnsafeBufferPointer { src in
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < count, "TensorDataset: index \(index) out of range 0..<\(count)")
                    (out.baseAddress! + row * per).update(from: src.baseAddress! + index * per, count: per)
                }
            }
        }
    }
}
