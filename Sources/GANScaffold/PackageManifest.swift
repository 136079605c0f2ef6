import Foundation

/// A `Package.swift` as text, edited the way a person would: an element appended to an array
/// argument of `Package(…)` or of a target, keeping the file's layout and comments.
/// (`swift package add-target` cannot run inside a command plugin, which holds the package's
/// build lock, and does not add product dependencies on another package.)
struct PackageManifest {
    private var source: SwiftSourceText

    init(_ text: String) { source = SwiftSourceText(text) }

    var text: String { source.text }

    /// Whether a target named `name` is declared (`.target(name: "name"`, `.testTarget(…`, …).
    func declaresTarget(_ name: String) -> Bool {
        targetCall(name) != nil
    }

    /// The index of the `(` of the target declaration named `name`.
    private func targetCall(_ name: String) -> Int? {
        for call in [".target(", ".executableTarget(", ".testTarget(", ".plugin(", ".systemLibrary(", ".macro("] {
            var from = 0
            while let at = source.find(call, from: from) {
                let open = at + call.count - 1
                if let close = source.matchingClose(of: open),
                   String(source.characters[open...close]).range(of: #"^\(\s*name\s*:\s*""# + NSRegularExpression.escapedPattern(for: name) + #"""#,
                                                                   options: .regularExpression) != nil {
                    return open
                }
                from = at + 1
            }
        }
        return nil
    }

    /// The `[` of GANKit's `let builtinMethods = [ … ]`, the list of its plug-in targets.
    private var builtinMethodList: Int? {
        source.find("let builtinMethods").flatMap { source.next("[", from: $0) }
    }

    /// Whether GANKit's `builtinMethods` list names `target`.
    func listsBuiltinMethod(_ target: String) -> Bool {
        guard let open = builtinMethodList, let close = source.matchingClose(of: open) else { return false }
        return String(source.characters[open...close]).contains("\"\(target)\"")
    }

    /// Appends `target` to GANKit's `builtinMethods` list, which gives it a product, its target
    /// and the dependencies of the umbrella and of its kind's tests.
    mutating func appendBuiltinMethod(_ target: String) throws {
        guard let open = builtinMethodList else {
            throw ScaffoldError("Package.swift has no 'let builtinMethods = [ … ]' list (GANKit's plug-in targets) to add \(target) to")
        }
        source.append("\"\(target)\"", toArrayOpenedAt: open)
    }

    /// Appends `element` to the array argument `label` of `Package(…)` ("products", "targets").
    mutating func append(_ element: String, toArgument label: String) throws {
        guard let call = source.find("Package("), let list = source.arrayArgument(label, ofCallOpenedAt: call + "Package".count) else {
            throw ScaffoldError("Package.swift has no '\(label): [ … ]' argument in 'Package(…)' to add \(element) to")
        }
        source.append(element, toArrayOpenedAt: list)
    }

    /// Appends `dependency` to the `dependencies: [ … ]` of the target named `target`.
    mutating func appendDependency(_ dependency: String, toTarget target: String) throws {
        guard let open = targetCall(target), let list = source.arrayArgument("dependencies", ofCallOpenedAt: open) else {
            throw ScaffoldError("Package.swift has no target '\(target)' with a 'dependencies: [ … ]' list to add \(dependency) to")
        }
        source.append(dependency, toArrayOpenedAt: list)
    }

    /// How `.product(name:package:)` must name the dependency that is GANKit: the `name:` of its
    /// `.package(…)` if it has one, else its identity (the last component of its path or URL,
    /// which for a path dependency is its folder's name). With `identity` (known to the command
    /// plugin), the dependency of that identity; else one whose name or identity is "gankit".
    func dependencyName(identity: String?, relativeTo root: URL) throws -> String {
        var from = 0
        var found: [String] = []
        while let at = source.find(".package(", from: from) {
            from = at + 1
            let open = at + ".package".count
            guard let close = source.matchingClose(of: open) else { break }
            let call = String(source.characters[open...close])
            let name = Self.stringArgument("name", in: call)
            var dependencyIdentity: String?
            if let path = Self.stringArgument("path", in: call) {
                dependencyIdentity = URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL.lastPathComponent
            } else if let url = Self.stringArgument("url", in: call), let last = url.split(separator: "/").last {
                dependencyIdentity = last.hasSuffix(".git") ? String(last.dropLast(4)) : String(last)
            }
            guard let dependencyIdentity else { continue }
            found.append(name ?? dependencyIdentity)
            let matches = identity.map { dependencyIdentity.lowercased() == $0.lowercased() }
                ?? (dependencyIdentity.lowercased() == "gankit" || name?.lowercased() == "gankit")
            if matches { return name ?? dependencyIdentity }
        }
        throw ScaffoldError("cannot tell which dependency in Package.swift is GANKit (found \(found.isEmpty ? "none" : found.joined(separator: ", "))): " +
                            #"add it as .package(name: "GANKit", path: …) or .package(url: …/GANKit…), or pass --gankit-package NAME"#)
    }

    /// The string literal given for `label` in a call's argument text.
    private static func stringArgument(_ label: String, in call: String) -> String? {
        guard let range = call.range(of: #"\b"# + label + #"\s*:\s*"[^"]*""#, options: .regularExpression) else { return nil }
        let match = call[range]
        guard let quote = match.firstIndex(of: "\"") else { return nil }
        return String(match[match.index(after: quote)..<match.index(before: match.endIndex)])
    }
}
