/// Swift source text with its brackets matched outside string literals and comments: enough to
/// find an argument of a call in `Package.swift` (`targets:` of `Package(…)`) or an array literal
/// after a known line, and to insert an element into it, without a Swift parser.
struct SwiftSourceText {
    /// The characters of the text.
    private(set) var characters: [Character]
    /// Whether each character is code (not inside a string literal or a comment).
    private var isCode: [Bool]
    /// Whether each character lies inside a comment.
    private var isComment: [Bool]

    init(_ text: String) {
        characters = Array(text)
        (isCode, isComment) = Self.classify(characters)
    }

    /// The text.
    var text: String { String(characters) }

    /// Marks string literals (with escapes, and `"""` blocks) and `//`, `/* */` comments.
    private static func classify(_ c: [Character]) -> (code: [Bool], comment: [Bool]) {
        var code = [Bool](repeating: true, count: c.count), comment = [Bool](repeating: false, count: c.count)
        var i = 0
        func at(_ j: Int, _ s: String) -> Bool {
            let s = Array(s)
            return j + s.count <= c.count && Array(c[j..<j + s.count]) == s
        }
        while i < c.count {
            if at(i, "//") {
                while i < c.count, c[i] != "\n" { code[i] = false; comment[i] = true; i += 1 }
            } else if at(i, "/*") {
                var depth = 0
                repeat {
                    if at(i, "/*") { depth += 1; code[i] = false; comment[i] = true; i += 1 }
                    else if at(i, "*/") { depth -= 1; code[i] = false; comment[i] = true; i += 1 }
                    code[i] = false; comment[i] = true; i += 1
                } while i < c.count && depth > 0
            } else if c[i] == "\"" {
                let close = at(i, "\"\"\"") ? "\"\"\"" : "\""
                for _ in 0..<close.count { code[i] = false; i += 1 }
                while i < c.count, !at(i, close) {
                    if c[i] == "\\" { code[i] = false; i += 1 }
                    if i < c.count { code[i] = false; i += 1 }
                }
                for _ in 0..<close.count where i < c.count { code[i] = false; i += 1 }
            } else {
                i += 1
            }
        }
        return (code, comment)
    }

    /// The index of the bracket closing the one at `open` (`(`, `[` or `{`), counting only
    /// brackets in code.
    func matchingClose(of open: Int) -> Int? {
        var depth = 0
        for i in open..<characters.count where isCode[i] {
            switch characters[i] {
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
        }
        return nil
    }

    /// The first index at or after `start` where `pattern` occurs as code (its first character
    /// outside strings and comments).
    func find(_ pattern: String, from start: Int = 0, before end: Int? = nil) -> Int? {
        let p = Array(pattern), end = end ?? characters.count
        guard !p.isEmpty, start <= end - p.count else { return nil }
        for i in start...(end - p.count) where isCode[i] && characters[i] == p[0] && Array(characters[i..<i + p.count]) == p {
            return i
        }
        return nil
    }

    /// The index of the first code character at or after `start` equal to `character`.
    func next(_ character: Character, from start: Int) -> Int? {
        (start..<characters.count).first { isCode[$0] && characters[$0] == character }
    }

    /// The index of the `[` that opens the array given as argument `label` of the call whose
    /// `(` is at `open`, looking only at the call's own arguments (not those of nested calls).
    func arrayArgument(_ label: String, ofCallOpenedAt open: Int) -> Int? {
        guard let close = matchingClose(of: open) else { return nil }
        var depth = 0, i = open + 1
        let name = Array(label)
        while i < close {
            if isCode[i] {
                switch characters[i] {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                default:
                    if depth == 0, i + name.count <= close, Array(characters[i..<i + name.count]) == name,
                       i == 0 || !(characters[i - 1].isLetter || characters[i - 1].isNumber || characters[i - 1] == "_") {
                        var j = i + name.count
                        while j < close, characters[j].isWhitespace { j += 1 }
                        if characters[j] == ":" {
                            j += 1
                            while j < close, characters[j].isWhitespace { j += 1 }
                            return characters[j] == "[" ? j : nil
                        }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// Inserts `element` as the last element of the array literal whose `[` is at `open`:
    /// on a line of its own, indented like the array's elements, when the array ends on a line
    /// of its own; else inline before the `]`. Adds the comma the previous element lacks.
    mutating func append(_ element: String, toArrayOpenedAt open: Int) {
        guard let close = matchingClose(of: open) else { return }
        // The last character before `]` that is neither blank nor in a comment.
        var last = close - 1
        while last > open, characters[last].isWhitespace || isComment[last] { last -= 1 }
        let empty = last == open
        let closeOnOwnLine = characters[(last + 1)..<close].contains("\n")
        var insertion: [Character]
        var at: Int
        if closeOnOwnLine {
            // The indentation of the first element's line, or the `]` line's plus four spaces.
            let lineStart = characters[..<close].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            let closeIndent = String(characters[lineStart..<close].prefix { $0 == " " || $0 == "\t" })
            var indent = closeIndent + "    "
            if !empty, let firstElement = ((open + 1)..<close).first(where: { !characters[$0].isWhitespace }),
               characters[(open + 1)..<firstElement].contains("\n") {
                let start = characters[..<firstElement].lastIndex(of: "\n").map { $0 + 1 } ?? 0
                indent = String(characters[start..<firstElement])
            }
            at = lineStart
            insertion = Array(indent + element + ",\n")
        } else {
            at = last + 1
            insertion = Array((empty ? "" : " ") + element)
        }
        let needsComma = !empty && characters[last] != ","
        characters.insert(contentsOf: insertion, at: at)
        if needsComma { characters.insert(",", at: last + 1) }
        (isCode, isComment) = Self.classify(characters)
    }

    /// Inserts `line` (with its newline) after the line holding index `index`.
    mutating func insertLine(_ line: String, afterLineContaining index: Int) {
        let end = characters[index...].firstIndex(of: "\n") ?? characters.count
        let position = end < characters.count ? end + 1 : end
        let prefix: [Character] = end < characters.count ? [] : ["\n"]
        characters.insert(contentsOf: prefix + Array(line + "\n"), at: position)
        (isCode, isComment) = Self.classify(characters)
    }

    /// The index of the start of the last line that begins (after indentation) with `prefix`
    /// in code.
    func lastLine(startingWith prefix: String) -> Int? {
        var result: Int?, lineStart = 0
        for i in 0...characters.count where i == characters.count || characters[i] == "\n" {
            let line = characters[lineStart..<i]
            if let first = line.firstIndex(where: { $0 != " " && $0 != "\t" }), isCode[first],
               String(characters[first..<i]).hasPrefix(prefix) {
                result = first
            }
            lineStart = i + 1
        }
        return result
    }
}
