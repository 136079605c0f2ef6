import GANCore

/// Random mutations of a byte string, for fuzzing a reader with inputs that are almost valid
/// (issue 11, item 6): start from a good file and let each call apply one to four edits — flip
/// a bit, overwrite a byte with a boundary value, delete, duplicate or move a range, truncate,
/// or insert a token that readers of text formats often get wrong (`-1`, `1e400`, `1.5`,
/// `null`, an integer just past `Int.max`…). Deterministic for a seed, so a crash found is
/// reproduced by its seed and input number.
public struct ByteMutator {
    private var random: RandomSource

    /// Tokens inserted into text inputs: numbers at the edges of Int, UInt32, Float and Double,
    /// wrong types and structural characters.
    public static let tokens: [String] = [
        "-1", "0", "-0", "1.5", "1e400", "-1e400", "1e39", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "4294967296", "18446744073709551616", "null", "true", "\"\"", "\"x\"",
        "[]", "{}", "[", "{", "]", "}", ",", ":", "\"", "\\u0000", "\\ud800", "1e-400", "NaN",
    ]

    public init(seed: UInt64) {
        random = RandomSource(seed: seed)
    }

    /// `input` with one to four random edits.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...random.integer(in: 0...3) { edit(&bytes) }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int { random.integer(in: 0...bytes.count) }

    private mutating func edit(_ bytes: inout [UInt8]) {
        switch random.integer(in: 0..<8) {
        case 0 where !bytes.isEmpty:
            let i = random.integer(in: 0..<bytes.count)
            bytes[i] ^= UInt8(1) << UInt8(random.integer(in: 0..<8))
        case 1 where !bytes.isEmpty:
            let boundary: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x2D, 0x39, 0x22, 0x7B, 0x5B]
            bytes[random.integer(in: 0..<bytes.count)] = boundary[random.integer(in: 0..<boundary.count)]
        case 2 where !bytes.isEmpty:
            let start = random.integer(in: 0..<bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + random.integer(in: 1...16)))
        case 3 where !bytes.isEmpty:
            let start = random.integer(in: 0..<bytes.count)
            let chunk = bytes[start..<min(bytes.count, start + random.integer(in: 1...64))]
            bytes.insert(contentsOf: chunk, at: position(in: bytes))
        case 4:
            bytes.removeSubrange(position(in: bytes)...)
        case 5, 6:
            let token = Self.tokens[random.integer(in: 0..<Self.tokens.count)]
            let at = position(in: bytes)
            // Half the time the token replaces the number or word that starts here.
            var end = at
            if random.integer(in: 0...1) == 0 {
                while end < bytes.count, bytes[end] == 0x2D || bytes[end] == 0x2E || (0x30...0x39).contains(bytes[end])
                    || (0x61...0x7A).contains(bytes[end]) { end += 1 }
            }
            bytes.replaceSubrange(at..<end, with: Array(token.utf8))
        default:
            let count = random.integer(in: 1...8)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position(in: bytes))
        }
    }
}
