import Foundation

/// A JSON value, for component options read from a run configuration. Components decode their
/// own typed options from it with `decode(_:context:)`, which rejects unknown keys.
public enum JSONValue: Codable, Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Writes the value as it is.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value as compact JSON with sorted keys.
    public var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "?"
    }

    /// Decodes a typed value from this JSON, rejecting keys the type does not know.
    /// `context` names where the value sits (e.g. `regularizers[1] (ms3d)`) in errors.
    public func decode<T: Decodable & KnownKeys>(_ type: T.Type, context: String) throws -> T {
        try ConfigurationDecoding.checkKeys(self, allowed: T.knownKeys, context: context)
        do {
            return try JSONValueDecoder.decode(T.self, from: self, at: [])
        } catch let error as DecodingError {
            throw ConfigurationError.invalidValue(context: context, reason: ConfigurationDecoding.describe(error))
        }
    }

    /// Decodes `T` from this value, checking every number against the type it fills; a failure is
    /// a `DecodingError` whose coding path names the key (`JSONValueDecoder`). Unlike `decode`,
    /// unknown keys are not checked.
    public func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONValueDecoder.decode(T.self, from: self, at: [])
    }

    /// The object's entries, or nil if this is not an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The string, or nil if this is not a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// A configuration type that lists its JSON keys, so unknown keys can be reported.
public protocol KnownKeys {
    static var knownKeys: Set<String> { get }
}

extension KnownKeys where Self: Decodable {
    /// Derived from a `CodingKeys: CaseIterable` enum when the type has one.
    public static func keys<K: CodingKey & CaseIterable>(_ k: K.Type) -> Set<String> { Set(K.allCases.map(\.stringValue)) }
}

/// Errors in a run configuration, naming the key or value at fault.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// A key the object at `context` does not have; `known` lists the ones it has.
    case unknownKey(context: String, key: String, known: [String])
    /// A value at `context` that cannot work, and why.
    case invalidValue(context: String, reason: String)
    /// A name at `context` that nothing is registered under; `known` lists the registered ones.
    case unknownKind(context: String, kind: String, known: [String])

    /// One sentence naming where the error is and what was wrong.
    public var description: String {
        switch self {
        case .unknownKey(let context, let key, let known):
            return "unknown key '\(key)' in \(context); known keys: \(known.joined(separator: ", "))"
        case .invalidValue(let context, let reason):
            return "invalid value in \(context): \(reason)"
        case .unknownKind(let context, let kind, let known):
            return "unknown kind '\(kind)' in \(context); known: \(known.joined(separator: ", "))"
        }
    }
}

/// Helpers for strict decoding.
public enum ConfigurationDecoding {
    /// Throws `unknownKey` for the first key of `value` (an object) not in `allowed`.
    public static func checkKeys(_ value: JSONValue, allowed: Set<String>, context: String) throws {
        guard case .object(let object) = value else {
            throw ConfigurationError.invalidValue(context: context, reason: "expected an object, got \(value)")
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw ConfigurationError.unknownKey(context: context, key: key, known: allowed.sorted())
        }
    }

    /// A one-line reading of a DecodingError: the key path and what was wrong.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let c): return "'\(path(c.codingPath))' should be \(type): \(c.debugDescription)"
        case .valueNotFound(let type, let c): return "'\(path(c.codingPath))' is missing a \(type)"
        case .keyNotFound(let key, let c): return "missing key '\(path(c.codingPath + [key]))'"
        case .dataCorrupted(let c): return "'\(path(c.codingPath))': \(c.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }

    /// Why `line`, one line of a JSON Lines file, did not decode: where a syntax error is
    /// (`JSONParser`: "not valid JSON at line 1, column 12: …"), else what the decoder found wrong.
    public static func describe(_ error: any Error, decoding line: Data) -> String {
        do { _ = try JSONParser.parse(line) } catch { return "not valid JSON at \(error)" }
        if let error = error as? DecodingError { return describe(error) }
        return String(describing: error)
    }
}

extension JSONValue {
    /// This value with `other` laid over it: objects merge key by key (recursively), anything
    /// else in `other` replaces what is here. Used to fill a configuration's missing keys with
    /// defaults.
    public func overlaid(with other: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let top) = other else { return other }
        for (key, value) in top { base[key] = base[key].map { $0.overlaid(with: value) } ?? value }
        return .object(base)
    }
}
