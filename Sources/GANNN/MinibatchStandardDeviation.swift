import GANTensor

/// The minibatch standard-deviation layer (`Tensor.minibatchStandardDeviation`), as the
/// official `MinibatchStdLayer`: appends `channels` feature maps of the per-group standard
/// deviation, groups of `groupSize` samples (defaults 4 and 1, the official discriminator's).
public final class MinibatchStandardDeviation: Layer {
    /// Samples per group (the whole batch when it is smaller).
    public let groupSize: Int
    /// Appended feature channels.
    public let channels: Int

    /// A layer with the given group size and number of appended channels.
    public init(groupSize: Int = 4, channels: Int = 1) {
        precondition(groupSize >= 1 && channels >= 1,
                     "MinibatchStandardDeviation: group size \(groupSize) and channels \(channels) must be ≥ 1")
        self.groupSize = groupSize
        self.channels = channels
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        x.minibatchStandardDeviation(groupSize: groupSize, channels: channels)
    }
}
