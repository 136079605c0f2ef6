import Foundation
import GANTensor

/// What a component factory knows about the run it builds for, so defaults that depend on the
/// model or the data (MS3D's λ per model family, DigGAN's λ per data fraction) can be chosen.
public struct ComponentBuildContext: Sendable {
    /// The model family, e.g. "dcgan", "sngan-resnet" (empty for a data source, which is built
    /// before the models).
    public var modelFamily: String
    /// The training image size.
    public var imageSize: ImageSize
    /// Images per batch.
    public var batchSize: Int
    /// Images in the training set.
    public var datasetCount: Int

    /// A context of the given model family, image size, batch size and data set size.
    public init(modelFamily: String, imageSize: ImageSize, batchSize: Int, datasetCount: Int) {
        self.modelFamily = modelFamily
        self.imageSize = imageSize
        self.batchSize = batchSize
        self.datasetCount = datasetCount
    }
}

/// The names under which components (regularizers, augmentations, techniques, losses, model
/// families and data sources) can be named in a JSON run configuration and on the
/// `gankit train` command line. The `GANKit` umbrella registers the built-ins
/// (`GANKit.registerBuiltins`); a plug-in outside GANKit registers its types the same way, or
/// hands them to `GANKitCLI.main(registering:)` (swift-log's explicit bootstrap, not
/// reflection). A kind registered again replaces the earlier registration.
public final class ComponentRegistry: @unchecked Sendable {
    private typealias Factory<Product> = (_ options: JSONValue, _ context: ComponentBuildContext) throws -> Product

    /// The registry `gankit` and `RunConfiguration` read.
    public static let shared = ComponentRegistry()

    private let lock = NSLock()
    private var regularizers: [String: Factory<any Regularizer>] = [:]
    private var augmentations: [String: Factory<any Augmentation>] = [:]
    private var techniques: [String: Factory<any TrainingTechnique>] = [:]
    private var losses: [String: Factory<any AdversarialLoss>] = [:]
    private var modelFamilies: [String: any ModelFamily.Type] = [:]
    private var dataSources: [String: any ImageDataSource.Type] = [:]

    /// An empty registry (`shared` is the one the commands read).
    public init() {}

    /// Registers each type under its kind and variants, as a regularizer, augmentation,
    /// technique, loss, model family or data source according to the protocols it conforms to.
    public func register(_ types: [any ConfigurableComponent.Type]) {
        for type in types { register(type) }
    }

    /// Registers `type` under its kind and variants, as a regularizer, augmentation, technique,
    /// loss, model family or data source according to the protocols it conforms to; a type that
    /// is none of these is a programming error. A model family or data source is registered
    /// under its kind only (its options are keys of the `model` or `data` section, which a
    /// variant's fixed options would have to share).
    public func register<C: ConfigurableComponent>(_ type: C.Type) {
        let kinds = [(C.kind, [String: JSONValue]())] + C.variants.sorted { $0.key < $1.key }
        var roles = 0
        for (kind, fixed) in kinds {
            roles += add(C.self, as: "regularizer", kind: kind, fixed: fixed, when: C.self is any Regularizer.Type, to: \.regularizers)
            roles += add(C.self, as: "augmentation", kind: kind, fixed: fixed, when: C.self is any Augmentation.Type, to: \.augmentations)
            roles += add(C.self, as: "technique", kind: kind, fixed: fixed, when: C.self is any TrainingTechnique.Type, to: \.techniques)
            roles += add(C.self, as: "loss", kind: kind, fixed: fixed, when: C.self is any AdversarialLoss.Type, to: \.losses)
        }
        if let family = C.self as? any ModelFamily.Type {
            lock.withLock { modelFamilies[C.kind] = family }
            roles += 1
        }
        if let source = C.self as? any ImageDataSource.Type {
            lock.withLock { dataSources[C.kind] = source }
            roles += 1
        }
        precondition(roles > 0, "\(C.self) (kind \(C.kind)) is none of Regularizer, Augmentation, TrainingTechnique, AdversarialLoss, ModelFamily, ImageDataSource")
    }

    /// Enters `C`'s factory for `kind` in `table` when `conforms` (`C` plays the table's role);
    /// returns the number of roles entered, 1 or 0.
    private func add<C: ConfigurableComponent, Product>(_ type: C.Type, as role: String, kind: String, fixed: [String: JSONValue],
                                                        when conforms: Bool,
                                                        to table: ReferenceWritableKeyPath<ComponentRegistry, [String: Factory<Product>]>) -> Int {
        guard conforms else { return 0 }
        let make = Self.factory(C.self, role: role, kind: kind, fixed: fixed)
        lock.withLock { self[keyPath: table][kind] = { try make($0, $1) as! Product } }
        return 1
    }

    /// Builds `C` from a configuration's options for `kind`, refusing options a variant fixes.
    private static func factory<C: ConfigurableComponent>(_ type: C.Type, role: String, kind: String,
                                                          fixed: [String: JSONValue]) -> Factory<C> {
        { options, context in
            let place = "\(role) \(kind)"
            var object = options.objectValue ?? [:]
            if let key = object.keys.sorted().first(where: { fixed[$0] != nil }) {
                throw ConfigurationError.invalidValue(context: place, reason: "'\(key)' is fixed by the kind \(kind)")
            }
            object.merge(fixed) { _, fixed in fixed }
            return try C.make(from: options.objectValue == nil ? options : .object(object), context: context, describedAs: place)
        }
    }

    /// The registered regularizer kinds, sorted.
    public var regularizerKinds: [String] { kinds(\.regularizers) }
    /// The registered augmentation kinds, sorted.
    public var augmentationKinds: [String] { kinds(\.augmentations) }
    /// The registered technique kinds, sorted.
    public var techniqueKinds: [String] { kinds(\.techniques) }
    /// The registered loss kinds, sorted.
    public var lossKinds: [String] { kinds(\.losses) }
    /// The registered model family kinds, sorted.
    public var modelFamilyKinds: [String] { kinds(\.modelFamilies) }
    /// The registered data source kinds, sorted.
    public var dataSourceKinds: [String] { kinds(\.dataSources) }

    /// The keys of `table`, sorted.
    private func kinds<Value>(_ table: KeyPath<ComponentRegistry, [String: Value]>) -> [String] {
        lock.withLock { self[keyPath: table].keys.sorted() }
    }

    /// The model family type registered as `kind`, or nil.
    public func modelFamily(_ kind: String) -> (any ModelFamily.Type)? { lock.withLock { modelFamilies[kind] } }
    /// The data source type registered as `kind`, or nil.
    public func dataSource(_ kind: String) -> (any ImageDataSource.Type)? { lock.withLock { dataSources[kind] } }

    /// The model family `kind` built from its own options (the `model` section's keys besides
    /// the standard ones); an unknown kind is an error naming `place` (e.g. "model.family") and
    /// listing the registered families, a bad option one naming "model `kind`.key".
    public func makeModelFamily(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any ModelFamily {
        guard let type = modelFamily(kind) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: modelFamilyKinds)
        }
        return try Self.makeFamily(type, options: options, context: context, place: "model \(kind)")
    }

    /// The data source `kind` built from its own options, as `makeModelFamily` ("data `kind`.key").
    public func makeDataSource(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any ImageDataSource {
        guard let type = dataSource(kind) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: dataSourceKinds)
        }
        return try Self.makeSource(type, options: options, context: context, place: "data \(kind)")
    }

    private static func makeFamily<F: ModelFamily>(_ type: F.Type, options: JSONValue, context: ComponentBuildContext, place: String) throws -> any ModelFamily {
        try F.make(from: options, context: context, describedAs: place)
    }

    private static func makeSource<S: ImageDataSource>(_ type: S.Type, options: JSONValue, context: ComponentBuildContext, place: String) throws -> any ImageDataSource {
        try S.make(from: options, context: context, describedAs: place)
    }

    /// The regularizer `kind` built from `options`; an unknown kind is an error naming `place`
    /// (e.g. "regularizers[0]") and listing the registered kinds.
    public func makeRegularizer(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any Regularizer {
        try make(kind, from: \.regularizers, options: options, context: context, at: place)
    }

    /// The augmentation `kind` built from `options`, as `makeRegularizer`.
    public func makeAugmentation(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any Augmentation {
        try make(kind, from: \.augmentations, options: options, context: context, at: place)
    }

    /// The technique `kind` built from `options`, as `makeRegularizer`.
    public func makeTechnique(_ kind: String, options: JSONValue, context: ComponentBuildContext, at place: String) throws -> any TrainingTechnique {
        try make(kind, from: \.techniques, options: options, context: context, at: place)
    }

    /// The loss `kind` with its default options, as `makeRegularizer`.
    public func makeLoss(_ kind: String, context: ComponentBuildContext, at place: String) throws -> any AdversarialLoss {
        try make(kind, from: \.losses, options: .object([:]), context: context, at: place)
    }

    /// The component `kind` of `table` built from `options`; an unknown kind is an error naming
    /// `place` and listing the table's kinds.
    private func make<Product>(_ kind: String, from table: KeyPath<ComponentRegistry, [String: Factory<Product>]>, options: JSONValue,
                               context: ComponentBuildContext, at place: String) throws -> Product {
        guard let factory = lock.withLock({ self[keyPath: table][kind] }) else {
            throw ConfigurationError.unknownKind(context: place, kind: kind, known: kinds(table))
        }
        return try factory(options, context)
    }
}
