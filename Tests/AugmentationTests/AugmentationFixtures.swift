import GANCore
import GANTestSupport

/// A one-layer generator of `channels`×8×8 images, so a test can see whether a loss on the
/// augmented images reaches G's weights.
final class TinyImageGenerator: Generator {
    let fc: Linear
    let latentDimension = 4
    let outputSize: ImageSize
    init(channels: Int, seed: UInt64) {
        var rng = RandomSource(seed: seed)
        outputSize = ImageSize(channels: channels, resolution: 8)
        fc = Linear(4, channels * 64, using: &rng)
    }
    var children: [(name: String, module: any Module)] { [("fc", fc)] }
    func callAsFunction(_ z: Tensor) -> Tensor {
        fc(z).tanh().reshaped([z.shape[0]] + outputSize.shape)
    }
}

enum Fixtures {
    /// Images with values in [−0.9, 0.9].
    static func images(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: -0.9, high: 0.9, using: &rng)
    }

    /// The gradient of a fixed projection of `augment(G(z))` with respect to every weight of a
    /// tiny generator, with the augmented and plain images for comparison.
    static func generatorGradient(channels: Int, _ augment: (Tensor) -> Tensor) throws -> (gradients: [Tensor], plain: Tensor, augmented: Tensor) {
        let g = TinyImageGenerator(channels: channels, seed: 5)
        var rng = RandomSource(seed: 6)
        let z = Tensor.normal([4, g.latentDimension], using: &rng)
        let images = g(z)
        let augmented = augment(images)
        let weights = Tensor.normal(augmented.shape, using: &rng)
        let gradients = try (augmented * weights).sum().gradients(wrt: g.parameters().map(\.value))
        return (gradients, images.detached(), augmented.detached())
    }
}

/// The largest absolute difference between two equally long value lists.
func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "maxDifference: \(a.count) vs \(b.count) values")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
