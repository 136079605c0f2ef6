import GANCore

/// A key of a configuration section by its name, for the `model` and `data` sections, whose keys
/// are their standard ones plus those of the model family or data source they name.
struct SectionKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The keys of a `model` or `data` section beyond its standard ones: the options of the family
/// or source it names, kept as JSON until that component decodes them strictly (as a
/// `ComponentSpec` keeps a regularizer's). A section of a built-in has none, so its encoding is
/// the standard keys alone.
enum SectionOptions {
    /// The entries of `section` whose keys are not in `standard`.
    static func decode(_ section: KeyedDecodingContainer<SectionKey>, besides standard: Set<String>) throws -> [String: JSONValue] {
        var options: [String: JSONValue] = [:]
        for key in section.allKeys where !standard.contains(key.stringValue) {
            options[key.stringValue] = try section.decode(JSONValue.self, forKey: key)
        }
        return options
    }

    /// Writes `options` into `section` after the standard keys, in key order.
    static func encode(_ options: [String: JSONValue], into section: inout KeyedEncodingContainer<SectionKey>) throws {
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            try section.encode(value, forKey: SectionKey(key))
        }
    }

    /// The keys a section may hold: `standard`, plus the option keys of the registered component
    /// `kind` names; nil when nothing is registered under `kind` (its keys are then checked when
    /// it is built, which fails naming the kind).
    static func allowedKeys(_ standard: Set<String>, component: (any ConfigurableComponent.Type)?) -> Set<String>? {
        component.map { standard.union($0.optionKeys) }
    }
}
