import Foundation
import GANCore

/// Ranges of Unicode code points that pick emoji files by name, as EmojiOne names them: a file
/// is named by its code points in hexadecimal joined by "-" ("1F600.png"; "1F645-1F3FB.png" is
/// U+1F645 with a skin-tone modifier), and it is in the ranges when its first code point is.
///
/// Each range is written "1F600" (one code point) or "1F600-1F644" (both ends included), in
/// hexadecimal of either letter case, as the Unicode charts write them.
public struct CodePointRanges: Equatable, Sendable, CustomStringConvertible {
    /// The ranges, in the order given.
    public let ranges: [ClosedRange<UInt32>]

    /// The ranges `specs` write; an empty list, a string that is not one hexadecimal code point
    /// (at most U+10FFFF) or two joined by "-", or a range whose end is below its start is a
    /// `ConfigurationError.invalidValue` naming `context` and the string.
    public init(_ specs: [String], context: String) throws(ConfigurationError) {
        guard !specs.isEmpty else {
            throw .invalidValue(context: context, reason: "name at least one code point or range (\"1F600\" or \"1F600-1F644\")")
        }
        var ranges = [ClosedRange<UInt32>]()
        for spec in specs {
            let ends = spec.split(separator: "-", omittingEmptySubsequences: false).map { Self.codePoint(String($0)) }
            guard (1...2).contains(ends.count), let lower = ends.first!, let upper = ends.last! else {
                throw .invalidValue(context: context, reason: "\"\(spec)\" is not a code point or a range of them in hexadecimal (\"1F600\" or \"1F600-1F644\")")
            }
            guard lower <= upper else {
                throw .invalidValue(context: context, reason: "the range \"\(spec)\" ends below its start")
            }
            ranges.append(lower...upper)
        }
        self.ranges = ranges
    }

    /// Whether the first code point of `fileName` (a file's last path component, such as
    /// "1F645-1F3FB.png") lies in one of the ranges; a name that does not start with a
    /// hexadecimal code point does not.
    public func contains(fileName: String) -> Bool {
        let stem = fileName.prefix { $0 != "." }
        guard let first = Self.codePoint(String(stem.prefix { $0 != "-" })) else { return false }
        return ranges.contains { $0.contains(first) }
    }

    /// The ranges as they are written ("1F600-1F644, 263A").
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? Self.hex($0.lowerBound) : "\(Self.hex($0.lowerBound))-\(Self.hex($0.upperBound))" }
            .joined(separator: ", ")
    }

    /// The code point `text` writes in 1–6 hexadecimal digits, if it is one (≤ U+10FFFF).
    private static func codePoint(_ text: String) -> UInt32? {
        guard (1...6).contains(text.count), text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16), value <= 0x10FFFF else { return nil }
        return value
    }

    /// `value` in upper-case hexadecimal, at least four digits, as the Unicode charts write it.
    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
