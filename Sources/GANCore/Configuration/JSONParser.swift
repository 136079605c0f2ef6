import Foundation

/// A strict JSON reader (RFC 8259) that produces a `JSONValue` and says where the text goes
/// wrong: errors give the line and column (both from 1, columns in characters) and what was
/// expected there, where Foundation's decoder on Linux says only "The given data was not valid
/// JSON". Numbers must fit a Double; nesting deeper than `maximumDepth` is refused, so a
/// hostile file cannot exhaust the stack.
public enum JSONParser {
    /// Arrays and objects nested deeper than this are an error.
    public static let maximumDepth = 256

    /// The value the UTF-8 text `bytes` holds (one value, surrounded by whitespace only).
    public static func parse(_ bytes: Data) throws -> JSONValue {
        var reader = Reader(bytes: Array(bytes))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw reader.error("unexpected \(reader.found) after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        /// The character at the cursor, quoted, or "the end of the text".
        var found: String {
            guard !atEnd else { return "the end of the text" }
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            let character = length > 0 && index + length <= bytes.count ? String(bytes: bytes[index..<index + length], encoding: .utf8) : nil
            let text = character ?? String(format: "byte 0x%02X", lead)
            return text.count == 1 && text.unicodeScalars.first!.value >= 0x20 ? "'\(text)'" : text.debugDescription
        }

        func error(_ message: String) -> JSONSyntaxError {
            var line = 1, lineStart = 0
            for i in 0..<min(index, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            let column = (String(bytes: bytes[lineStart..<min(index, bytes.count)], encoding: .utf8)?.count ?? (index - lineStart)) + 1
            return JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func skipWhitespace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard let b = peek else { throw error("expected a value, found the end of the text") }
            switch b {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: throw error("expected a value, found \(found)")
            }
        }

        mutating func literal(_ word: String) throws {
            let utf8 = Array(word.utf8)
            guard bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw error("expected a value, found \(found)")
            }
            index += utf8.count
        }

        mutating func object(depth: Int) throws -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("arrays and objects nest deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(found)") }
                let keyStart = self
                let key = try string()
                guard members[key] == nil else { throw keyStart.error("the key \"\(key)\" appears twice in this object") }
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\", found \(found)") }
                index += 1
                skipWhitespace()
                members[key] = try value(depth: depth)
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: throw error("expected ',' or '}' after the value of \"\(key)\", found \(found)")
                }
            }
        }

        mutating func array(depth: Int) throws -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("arrays and objects nest deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth))
                skipWhitespace()
                switch peek {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(elements)
                default: throw error("expected ',' or ']' after an array element, found \(found)")
                }
            }
        }

        mutating func number() throws -> Double {
            let start = index
            func digits() -> Int {
                let from = index
                while let b = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { index += 1 }
                return index - from
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            if peek == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                throw error("expected a digit, found \(found)")
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("expected a digit after the decimal point, found \(found)") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("expected a digit in the exponent, found \(found)") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                var at = self
                at.index = start
                throw at.error("the number \(text) is too large for a Double")
            }
            return value
        }

        mutating func string() throws -> String {
            let start = index
            index += 1
            var utf8: [UInt8] = []
            while true {
                guard let b = peek else {
                    var at = self
                    at.index = start
                    throw at.error("a string starting here is not closed")
                }
                switch b {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(bytes: utf8, encoding: .utf8) else {
                        var at = self
                        at.index = start
                        throw at.error("a string starting here is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    try escape(into: &utf8)
                case 0..<0x20:
                    throw error("a control character (\(found)) inside a string must be written as an escape")
                default:
                    utf8.append(b)
                    index += 1
                }
            }
        }

        mutating func escape(into utf8: inout [UInt8]) throws {
            guard let b = peek else { throw error("expected an escape after '\\', found the end of the text") }
            index += 1
            let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
            if let replacement = simple[b] { utf8.append(replacement); return }
            guard b == UInt8(ascii: "u") else { index -= 1; throw error("'\\\(found.trimmingCharacters(in: ["'"]))' is not a JSON escape") }
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard peek == UInt8(ascii: "\\"), bytes.count > index + 1, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) must be followed by a low one")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("a high surrogate must be followed by a low one, found \\u\(String(low, radix: 16, uppercase: true))")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("a low surrogate \\u\(String(scalar, radix: 16, uppercase: true)) without a high one")
            }
            utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        }

        mutating func hex4() throws -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let b = peek, let digit = Int(String(UnicodeScalar(b)), radix: 16) else {
                    throw error("expected four hexadecimal digits after \\u, found \(found)")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}

/// Where JSON text is malformed: the line and column (from 1) and what was expected there.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int
    /// What was expected there.
    public var message: String

    /// "line L, column C: message".
    public var description: String { "line \(line), column \(column): \(message)" }
}
