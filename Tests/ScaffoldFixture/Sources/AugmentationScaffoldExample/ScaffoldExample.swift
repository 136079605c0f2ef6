import GANCore

/// ScaffoldExample: replace this comment with the method — the paper, what it does to the images,
/// and where each default in `ScaffoldExampleOptions.swift` comes from.
///
/// As scaffolded it is DiffAugment's random brightness (Zhao et al., "Differentiable
/// Augmentation for Data-Efficient GAN Training", NeurIPS 2020, `rand_brightness`):
///
///     x ↦ x + strength · (u − 0.5),   u ~ U[0, 1) drawn once per image
///
/// `sampleParameters` takes every random draw from the source it is given, and `apply` is
/// a deterministic function of the images and those draws, differentiable in the images.
public final class ScaffoldExample: Augmentation {
    /// The width of the shift's range.
    public let strength: Float

    /// - Parameter strength: the shift's range is ±strength/2 (a finite number ≥ 0).
    public init(strength: Float = Options().strength) {
        precondition(strength >= 0 && strength.isFinite, "ScaffoldExample: strength must be a non-negative number, got \(strength)")
        self.strength = strength
    }

    /// "scaffold-example".
    public var name: String { Self.kind }

    /// One shift per image.
    public func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> [Float] {
        (0..<batch).map { _ in strength * (rng.uniform() - 0.5) }
    }

    public func apply(_ images: Tensor, _ parameters: [Float]) -> Tensor {
        images + Tensor(shape: [parameters.count, 1, 1, 1], values: parameters)
    }
}
