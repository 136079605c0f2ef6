import GANCore

extension InceptionV3 {
    /// Names the features this network computes, for `FeatureCache` keys: the weights (their
    /// archive format and the SHA-256 of the TorchScript file they were converted from) and the
    /// input convention.
    public static var featureExtractorName: String {
        "\(InceptionWeights.format), sha256 \(InceptionWeights.sha256); pool features of images in [0, 1] resized by the network"
    }

    /// The [N, 2048] features of images [N, C, H, W] in [0, 1] (`EightBitImages` makes them from
    /// GANKit's [-1, 1]), run `batchSize` at a time (16: two of the network's chunks, so a
    /// progress display moves every few seconds). `progress` receives the number of images done
    /// after each batch.
    public func features(batchedOver images: Tensor, batchSize: Int = 16, progress: (Int) -> Void = { _ in }) -> Tensor {
        precondition(images.rank == 4 && batchSize >= 1, "InceptionV3.features: needs [N, C, H, W] images and batchSize ≥ 1, got \(images.shape) and \(batchSize)")
        let n = images.shape[0]
        var parts: [Tensor] = []
        var done = 0
        while done < n {
            let batch = images.slice(axis: 0, range: done..<Swift.min(n, done + batchSize))
            parts.append(features(batch))
            done += batch.shape[0]
            progress(done)
        }
        return Tensor.concat(parts, axis: 0)
    }
}
