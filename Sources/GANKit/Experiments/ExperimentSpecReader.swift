import Foundation
import GANCore
import GANIO

/// Typed reads of an experiment spec's JSON object, each error naming the key and the file.
struct ExperimentSpecReader {
    let object: [String: JSONValue]
    /// The file (and place in it) the object comes from.
    let source: String

    /// An error for `key`.
    func invalid(_ key: String, _ reason: String) -> ConfigurationError {
        .invalidValue(context: "\(source): \(key)", reason: reason)
    }

    /// A present key, converted by `convert`; missing or of the wrong type is an error.
    func required<T>(_ key: String, _ convert: (JSONValue) -> T?) throws -> T {
        guard let value = object[key] else { throw invalid(key, "is required") }
        guard let converted = convert(value) else { throw invalid(key, "has the wrong type: \(value)") }
        return converted
    }

    /// A name usable as a folder name: letters, digits, `-`, `_` and `.`, not starting with `.`.
    func identifier(_ key: String) throws -> String {
        let name = try required(key) { $0.stringValue }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw invalid(key, "'\(name)' must be ASCII letters, digits, '-', '_' or '.' (it names a folder)")
        }
        return name
    }

    /// A string, or nil when the key is absent or null.
    func optionalString(_ key: String) throws -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let string = value.stringValue else { throw invalid(key, "must be a string, got \(value)") }
        return string
    }

    /// An object, or nil when the key is absent or null.
    func optionalObject(_ key: String) throws -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        guard value.objectValue != nil else { throw invalid(key, "must be an object, got \(value)") }
        return value
    }

    /// `base`: a configuration file (relative to `folder`) or an inline configuration object.
    func base(folder: URL) throws -> (JSONValue, String) {
        guard let value = object["base"] else { throw invalid("base", "is required: a run configuration file or an inline configuration") }
        if value.objectValue != nil { return (value, "inline") }
        guard let path = value.stringValue else { throw invalid("base", "must be a path or an object, got \(value)") }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
        let bytes: Data
        do { bytes = try FileContents.read(url.path) } catch {
            throw invalid("base", "cannot read \(url.path): \(error)")
        }
        do { return (try JSONParser.parse(bytes), url.path) } catch {
            throw invalid("base", "\(url.path) is not valid JSON at \(error)")
        }
    }
}

extension JSONValue {
    /// The elements, or nil if this is not an array.
    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The number as an `Int` when it is whole, else nil.
    var wholeNumber: Int? {
        guard case .number(let n) = self, n.rounded() == n, abs(n) < 1e15 else { return nil }
        return Int(n)
    }
}
