/// A lower bound on the size of the generator/discriminator pair a model family makes for a
/// request, which a run checks against the machine's memory before anything is allocated, so
/// that a width that cannot fit is an error naming the family's key instead of an allocation
/// failure deep in a tensor op (`ModelFamily.sizeLowerBound(for:)`).
///
/// Both counts only have to be below the truth: a family gives the layers it is sure to have.
public struct ModelSizeBound: Sendable, Equatable {
    /// Weights of both networks together, at least.
    public var weights: Double
    /// Values one image needs in a forward pass through the generator, at least (its latent
    /// vector, its feature maps, its pixels).
    public var valuesPerImage: Double
    /// The `model` key whose value drives `weights` (`"model.channelMax"`), for the error.
    public var weightKey: String
    /// That key's value.
    public var weightValue: Int

    /// A bound of `weights` and `valuesPerImage`, whose weights are `weightKey`'s doing.
    public init(weights: Double, valuesPerImage: Double, weightKey: String, weightValue: Int) {
        (self.weights, self.valuesPerImage, self.weightKey, self.weightValue) = (weights, valuesPerImage, weightKey, weightValue)
    }
}
