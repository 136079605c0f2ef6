/// A generator or discriminator that can say which `model` section of a run configuration
/// builds it (the family's `ModelFamily.kind` and the section's standard keys), so a pipeline
/// composed in Swift can be written down as `config.json`. A run's generator and discriminator
/// must describe the same section (the generator adds the latent length); where a family's own
/// keys are split between its networks (stylegan2's `mappingLayers` is the generator's,
/// `minibatchGroupSize` the discriminator's), each names the keys it reads, and the two must
/// agree on the keys both name.
public protocol DescribableModel {
    /// The `model` section this network is built from; throws an error saying why when its
    /// family cannot build it (a setting the section has no key for).
    var modelDescription: ModelDescription { get throws }
}

/// What a network says of the `model` section that builds it.
public struct ModelDescription: Equatable, Sendable {
    /// The model family's kind, e.g. "dcgan".
    public var family: String
    /// The images the generator makes or the discriminator reads (the `data` section's
    /// resolution and channels).
    public var imageSize: ImageSize
    /// The latent length: the generator's; nil for a discriminator.
    public var latentDimension: Int?
    /// The section's `width`, or nil for a family that does not read it.
    public var width: Int?
    /// The section's `initialization`, or nil for a family that does not read it.
    public var initialization: String?
    /// The family's own keys this network reads, besides the standard ones (none for the dcgan
    /// and sngan-resnet families).
    public var options: [String: JSONValue]

    /// A description with the given keys.
    public init(family: String, imageSize: ImageSize, latentDimension: Int? = nil, width: Int?, initialization: String?,
                options: [String: JSONValue] = [:]) {
        (self.family, self.imageSize, self.latentDimension, self.width) = (family, imageSize, latentDimension, width)
        (self.initialization, self.options) = (initialization, options)
    }
}
