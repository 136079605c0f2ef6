import GANCore

/// A one-layer generator whose weight is given per call, so that a generator-phase penalty can
/// be finite-differenced with respect to it:
///
///     G(z) = reshape(tanh(z · Aᵀ)),   A [C·H·W, latentDimension]
///
/// Its mapping is the identity: the intermediate latents are z itself as one style input,
/// ws = reshape(z) [N, 1, latentDimension], so a penalty on the Jacobian with respect to w (path
/// length) runs on it too.
public final class FunctionalGenerator: IntermediateLatentGenerator {
    /// A, [C·H·W, latentDimension].
    public let weight: Tensor
    public let outputSize: ImageSize
    public var latentDimension: Int { weight.shape[1] }

    /// G with weight `weight` [C·H·W, d] making images of `outputSize` from d-dimensional latents.
    public init(_ weight: Tensor, outputSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4)) {
        precondition(weight.rank == 2 && weight.shape[0] == outputSize.channels * outputSize.height * outputSize.width,
                     "FunctionalGenerator: weight \(weight.shape) does not make \(outputSize) images")
        self.weight = weight
        self.outputSize = outputSize
    }

    /// G(z), [N, C, H, W] in (−1, 1).
    public func callAsFunction(_ z: Tensor) -> Tensor {
        Tensor.matmul(z, weight, transposeB: true).tanh().reshaped([z.shape[0]] + outputSize.shape)
    }

    /// G(z) and ws = z as [N, 1, latentDimension]. ws is z itself when z requires a gradient,
    /// else a new leaf with z's values that does, so that the image's gradient with respect to
    /// ws exists either way.
    public func imagesAndIntermediateLatents(_ z: Tensor) -> (images: Tensor, latents: Tensor) {
        let ws = (z.requiresGradient ? z : z.requiringGradient()).reshaped([z.shape[0], 1, latentDimension])
        return (self(ws.reshaped([z.shape[0], latentDimension])), ws)
    }

    /// A weight drawn from N(0, 0.7²).
    public static func weight(seed: UInt64, outputSize: ImageSize = ImageSize(channels: 1, height: 4, width: 4),
                              latentDimension: Int = 2) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.normal([outputSize.channels * outputSize.height * outputSize.width, latentDimension], std: 0.7, using: &rng)
    }
}
