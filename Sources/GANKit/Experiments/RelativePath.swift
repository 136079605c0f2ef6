import Foundation

/// Paths as a Markdown file links them.
enum RelativePath {
    /// The path of `file` as seen from `directory` (both absolute or both relative to the same
    /// working directory), with `..` where needed.
    static func of(_ file: String, from directory: String) -> String {
        func parts(_ path: String) -> [String] {
            URL(fileURLWithPath: path).standardizedFileURL.pathComponents.filter { $0 != "/" }
        }
        let target = parts(file), base = parts(directory)
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }
}
