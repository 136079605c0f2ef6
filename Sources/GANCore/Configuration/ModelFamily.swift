import GANTensor

/// What a run configuration's `model` section asks of every model family: the image size the
/// data has and the section's standard keys (`latentDimension`, `width`, `initialization`).
/// Keys a family adds of its own are its `Options`.
public struct ModelRequest: Sendable, Equatable {
    /// The size of the training images, which the generator makes and the discriminator reads.
    public var imageSize: ImageSize
    /// The length of the generator's latent vectors.
    public var latentDimension: Int
    /// The base channel width (DCGAN's ngf/ndf, a multiple of SNGAN's width).
    public var width: Int
    /// The name of the weight initialisation, for a family that offers a choice.
    public var initialization: String

    /// A request for models of `imageSize` with the given standard keys.
    public init(imageSize: ImageSize, latentDimension: Int, width: Int, initialization: String) {
        (self.imageSize, self.latentDimension, self.width, self.initialization) = (imageSize, latentDimension, width, initialization)
    }
}

/// A generator/discriminator architecture that a run configuration names by its `kind` in
/// `"model": {"family": kind, …}` and `gankit train --model kind`. The family reads the
/// section's standard keys from a `ModelRequest`; keys of its own are its `Options`, laid beside
/// the standard ones in the same section (`{"family": "mine", "width": 32, "depth": 3}`) and
/// decoded strictly with their defaults written once. `ComponentRegistry.register` takes the
/// type, so a family of your own is one type plus one registration line.
public protocol ModelFamily: ConfigurableComponent {
    /// A freshly initialised generator and discriminator for `request`, drawing their initial
    /// weights from `rng`; a request the family cannot build (an image size it has no
    /// architecture for) throws `ConfigurationError.invalidValue` naming the key at fault.
    func makeModels(for request: ModelRequest, using rng: inout RandomSource) throws
        -> (generator: any Generator, discriminator: any Discriminator)

    /// The standard keys of `ModelRequest` this family does not read (`"width"`,
    /// `"initialization"`), so that a run setting one to other than its default is an error
    /// naming the key, not a setting silently ignored. None by default.
    static var ignoredStandardKeys: Set<String> { get }

    /// A lower bound on the size of the pair `makeModels(for:using:)` would make for `request`,
    /// computed without making it, for a family whose size the standard `width` does not give
    /// (a run then checks the family's own keys against the machine's memory); nil, the
    /// default, lets the run bound the size from `width` and `latentDimension`.
    func sizeLowerBound(for request: ModelRequest) -> ModelSizeBound?
}

extension ModelFamily {
    public static var ignoredStandardKeys: Set<String> { [] }
    public func sizeLowerBound(for request: ModelRequest) -> ModelSizeBound? { nil }
}
