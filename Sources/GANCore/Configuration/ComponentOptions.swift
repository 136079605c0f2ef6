import Foundation

/// The options of a `ConfigurableComponent`: a `Codable` struct whose property initialisers are
/// the component's defaults (`init()`), listing its keys (`KnownKeys`) so that a configuration
/// naming any other key is an error.
public protocol ComponentOptions: Codable, KnownKeys, Sendable {
    /// The options with every default.
    init()
}

extension ComponentOptions {
    /// Decodes options from a configuration's JSON object: a key left out (or given as `null`)
    /// takes its default from `init()`, an unknown key is `ConfigurationError.unknownKey` and a
    /// value of the wrong type or range `ConfigurationError.invalidValue`, both naming `context`
    /// (e.g. "regularizer r1") and the key.
    public static func decode(_ json: JSONValue, context: String) throws -> Self {
        try ConfigurationDecoding.checkKeys(json, allowed: knownKeys, context: context)
        let given = (json.objectValue ?? [:]).filter { $0.value != .null }
        let defaults = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(Self()))
        return try defaults.overlaid(with: .object(given)).decode(Self.self, context: context)
    }
}

/// The options of a component that has none, such as a loss: `{"kind": …}` alone.
public struct NoOptions: ComponentOptions, Equatable {
    /// No options.
    public init() {}
    /// None: any key is an error.
    public static let knownKeys: Set<String> = []
}
