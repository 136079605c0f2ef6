/// A component that describes itself to run configurations and the command line: the `kind`
/// that names it (`{"kind": "r1", "gamma": 0.5}`, `--regularizer r1:gamma=0.5`), its `Options`
/// with their defaults, and how it is built from them. Regularizers, augmentations, training
/// techniques, adversarial losses, model families (`ModelFamily`) and data sources
/// (`ImageDataSource`) adopt it in their own targets; `ComponentRegistry.register` takes the
/// types, so adding a method to configurations is its target plus one registration line.
///
/// A component's defaults are written once, as the property initialisers of its `Options`, and
/// its Swift initialiser takes them from there (`init(gamma: Float = Options().gamma, …)`), so a
/// component built in Swift with defaults and one built from `{"kind": …}` are the same.
public protocol ConfigurableComponent {
    /// The component's settings as a configuration gives them.
    associatedtype Options: ComponentOptions

    /// The name a configuration uses for this component, e.g. "r1".
    static var kind: String { get }

    /// Further kinds that build this type with some options fixed, e.g. zCR's
    /// `"zcr-generator": {"term": "generator"}`; a configuration naming such a kind cannot set the
    /// fixed options itself. None by default.
    static var variants: [String: [String: JSONValue]] { get }

    /// Builds the component from `options`, throwing `ConfigurationError.invalidValue` naming
    /// the option at fault (e.g. "regularizer r1.gamma") for a value it cannot take. `context`
    /// describes the run it is built for.
    init(options: Options, context: ComponentBuildContext) throws
}

extension ConfigurableComponent {
    /// None.
    public static var variants: [String: [String: JSONValue]] { [:] }

    /// The keys of the component's own options (`Options.knownKeys`).
    public static var optionKeys: Set<String> { Options.knownKeys }

    /// Builds the component from a configuration's options object (its entries besides "kind"):
    /// options left out take their defaults, unknown keys are errors naming the key, and
    /// `place` (e.g. "regularizer r1") says where the component sits in errors.
    public static func make(from options: JSONValue, context: ComponentBuildContext, describedAs place: String) throws -> Self {
        try Self(options: try Options.decode(options, context: place), context: context)
    }
}
