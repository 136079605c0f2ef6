import Foundation
import GANTensor

/// What a component factory knows about the run it builds for, so defaults that depend on the
/// model or the data (MS3D's λ per model family, DigGAN's λ per data fraction) can be chosen.
public struct ComponentBuildContext: Sendable {
    /// The model family, e.g. "dcgan", "sngan-resnet", "mlp".
    public var modelFamily: String
    /// The training image size.
    public var imageSize: ImageSize
    /// Images per batch.
    public var batchSize: Int
    /// Images in the training set.
    public var datasetCount: Int

    public init(modelFamily: String, imageSize: ImageSize, batchSize: Int, datasetCount: Int) {
        self.modelFamily = modelFamily
        self.imageSize = imageSize
        self.batchSize = batchSize
        self.datasetCount = datasetCount
    }
}

/// The names under which components can be named in a JSON run configuration and on the
/// `gankit train` command line. Built-ins are registered by the `GANKit` umbrella; a plug-in
/// target outside GANKit registers its own the same way (swift-log's explicit bootstrap, not
/// reflection).
public final class ComponentRegistry: @unchecked Sendable {
    public typealias RegularizerFactory = (_ options: JSONValue, _ context: ComponentBuildContext) throws -> any Regularizer
    public typealias AugmentationFactory = (_ options: JSONValue, _ context: ComponentBuildContext) throws -> any Augmentation
    public typealias TechniqueFactory = (_ options: JSONValue, _ context: ComponentBuildContext) throws -> any TrainingTechnique
    public typealias LossFactory = () -> any AdversarialLoss

    /// The registry `gankit` and `RunConfiguration` read.
    public static let shared = ComponentRegistry()

    private let lock = NSLock()
    private var regularizers: [String: RegularizerFactory] = [:]
    private var augmentations: [String: AugmentationFactory] = [:]
    private var techniques: [String: TechniqueFactory] = [:]
    private var losses: [String: LossFactory] = [:]

    public init() {}

    public func register(regularizer kind: String, _ factory: @escaping RegularizerFactory) {
        lock.withLock { regularizers[kind] = factory }
    }
    public func register(augmentation kind: String, _ factory: @escaping AugmentationFactory) {
        lock.withLock { augmentations[kind] = factory }
    }
    public func register(technique kind: String, _ factory: @escaping TechniqueFactory) {
        lock.withLock { techniques[kind] = factory }
    }
    public func register(loss kind: String, _ factory: @escaping LossFactory) {
        lock.withLock { losses[kind] = factory }
    }

    /// The registered names of each kind, sorted.
    public var regularizerKinds: [String] { lock.withLock { regularizers.keys.sorted() } }
    public var augmentationKinds: [String] { lock.withLock { augmentations.keys.sorted() } }
    public var techniqueKinds: [String] { lock.withLock { techniques.keys.sorted() } }
    public var lossKinds: [String] { lock.withLock { losses.keys.sorted() } }

    public func makeRegularizer(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any Regularizer {
        guard let factory = lock.withLock({ regularizers[kind] }) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: regularizerKinds)
        }
        return try factory(options, context)
    }

    public func makeAugmentation(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any Augmentation {
        guard let factory = lock.withLock({ augmentations[kind] }) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: augmentationKinds)
        }
        return try factory(options, context)
    }

    public func makeTechnique(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any TrainingTechnique {
        guard let factory = lock.withLock({ techniques[kind] }) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: techniqueKinds)
        }
        return try factory(options, context)
    }

    public func makeLoss(_ kind: String, at place: String) throws -> any AdversarialLoss {
        guard let factory = lock.withLock({ losses[kind] }) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: lossKinds)
        }
        return factory()
    }

    /// Registers the losses GANCore defines.
    public func registerCoreLosses() {
        register(loss: "non-saturating") { NonSaturatingLoss() }
        register(loss: "hinge") { HingeLoss() }
        register(loss: "wasserstein") { WassersteinLoss() }
        register(loss: "least-squares") { LeastSquaresLoss() }
        register(loss: "relativistic-hinge") { RelativisticHingeLoss() }
    }
}
