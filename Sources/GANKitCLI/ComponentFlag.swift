import ArgumentParser
import Foundation
import GANKit

/// Parses a component flag, `KIND` or `KIND:key=value,key=value`, into a `ComponentSpec`.
/// Values are read as JSON scalars (numbers, true/false, null), otherwise as strings; a value
/// that reads as a number but is not finite (`nan`, `inf`, `1e999`) is an error naming the key,
/// since no option takes one and JSON has none to pass on.
enum ComponentFlag {
    static func parse(_ text: String, flag: String) throws -> ComponentSpec {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let kind = parts.first, !kind.isEmpty else { throw ValidationError("\(flag): empty component") }
        var options: [String: JSONValue] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, !kv[0].isEmpty else {
                    throw ValidationError("\(flag) \(text): '\(pair)' is not key=value")
                }
                if let number = Double(kv[1]), !number.isFinite {
                    throw ValidationError("\(flag) \(text): \(kv[0]) must be a finite number, got \(kv[1])")
                }
                options[kv[0]] = (try? JSONDecoder().decode(JSONValue.self, from: Data(kv[1].utf8))) ?? .string(kv[1])
            }
        }
        return ComponentSpec(kind: kind, options: options)
    }
}
