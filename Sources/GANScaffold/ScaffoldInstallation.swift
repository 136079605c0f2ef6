import Foundation

/// Puts a scaffold into a package: writes its files, adds its targets to `Package.swift`, and
/// registers the component so configurations can name it.
///
/// - In GANKit's own package (its manifest declares the target `GANCore`), the component becomes
///   a built-in: its target's name joins the manifest's `builtinMethods` list (which gives it a
///   product, its target and a dependency of the `GANKit` umbrella, RegularizerTests or
///   AugmentationTests), and its test goes to `Tests/RegularizerTests` or
///   `Tests/AugmentationTests`. The umbrella's GANKitBuiltins plugin then exports the target and
///   registers its `components` (its `Components.swift`); no other file is edited.
/// - In a package depending on GANKit, the targets depend on its products, and the component is
///   registered in an executable that runs every `gankit` command
///   (`GANKitCLI.main(registering: [...])`): the package's existing one (a `Sources/*/main.swift`
///   calling it), else a new one named `executable`.
///
/// Every file is checked before any is written: nothing is overwritten, and a manifest or
/// source it cannot edit is an error naming it.
public struct ScaffoldInstallation {
    public let scaffold: Scaffold
    /// The package root.
    public let packageDirectory: URL
    /// How `.product(name:package:)` names GANKit; nil: read from the manifest's `.package(…)`.
    public var gankitPackage: String?
    /// The identity of the package dependency that is GANKit (the command plugin knows it).
    public var gankitIdentity: String?
    /// The executable to create when the package has none registering components.
    public var executable: String

    public init(scaffold: Scaffold, packageDirectory: URL, gankitPackage: String? = nil, gankitIdentity: String? = nil,
                executable: String = "mygan") {
        self.scaffold = scaffold
        self.packageDirectory = packageDirectory
        self.gankitPackage = gankitPackage
        self.gankitIdentity = gankitIdentity
        self.executable = executable
    }

    /// A file to create or replace.
    public struct Change: Equatable, Sendable {
        /// Relative to the package root.
        public var path: String
        public var contents: String
        /// Whether the file exists and is edited.
        public var isEdit: Bool
    }

    /// The files to create and edit, computed from the package as it is; throws when a file to
    /// create exists or a file to edit lacks the place the edit goes.
    public func changes() throws -> [Change] {
        let fm = FileManager.default
        var files = scaffold.files
        let manifestURL = packageDirectory.appendingPathComponent("Package.swift")
        guard let manifestText = try? String(contentsOf: manifestURL, encoding: .utf8) else {
            throw ScaffoldError("no Package.swift in \(packageDirectory.path) (pass --package-dir, or --files-only to write only the files)")
        }
        var manifest = PackageManifest(manifestText)
        let target = scaffold.targetName
        if manifest.declaresTarget(target) || manifest.declaresTarget(scaffold.testTargetName) || manifest.listsBuiltinMethod(target) {
            throw ScaffoldError("Package.swift already declares a target \(target) or \(scaffold.testTargetName)")
        }
        var changes: [Change] = []
        if manifest.declaresTarget("GANCore") {
            try manifest.appendBuiltinMethod(target)
            let test = "Tests/\(scaffold.testTargetName)/"
            files = files.map { file in
                guard file.path.hasPrefix(test) else { return file }
                return (path: "Tests/\(scaffold.kind.targetPrefix)Tests/" + file.path.dropFirst(test.count), contents: file.contents)
            }
        } else {
            let gankit = try gankitPackage ?? manifest.dependencyName(identity: gankitIdentity, relativeTo: packageDirectory)
            func product(_ name: String) -> String { #".product(name: "\#(name)", package: "\#(gankit)")"# }
            try manifest.append(#".target(name: "\#(target)", dependencies: [\#(product("GANCore"))])"#, toArgument: "targets")
            try manifest.append(#".testTarget(name: "\#(scaffold.testTargetName)", dependencies: ["\#(target)", \#(product("GANCore")), \#(product("GANTestSupport"))])"#,
                                toArgument: "targets")
            if let (name, path, source) = try existingExecutable() {
                try manifest.appendDependency(#""\#(target)""#, toTarget: name)
                changes.append(Change(path: path, contents: try Self.register(scaffold, inExecutable: source, path: path), isEdit: true))
            } else {
                guard !executable.isEmpty, !executable.contains("/") else { throw ScaffoldError("--executable '\(executable)' is not a target name") }
                try manifest.append(#".executableTarget(name: "\#(executable)", dependencies: ["\#(target)", \#(product("GANKitCLI"))])"#,
                                    toArgument: "targets")
                changes.append(Change(path: "Sources/\(executable)/main.swift", contents: Self.executableSource(registering: scaffold), isEdit: false))
            }
        }
        changes = files.map { Change(path: $0.path, contents: $0.contents, isEdit: false) } + changes
        changes.append(Change(path: "Package.swift", contents: manifest.text, isEdit: true))
        for change in changes where !change.isEdit && fm.fileExists(atPath: packageDirectory.appendingPathComponent(change.path).path) {
            throw ScaffoldError("\(packageDirectory.appendingPathComponent(change.path).path) already exists; not overwriting it")
        }
        return changes
    }

    /// Applies `changes()`; returns them.
    @discardableResult
    public func install() throws -> [Change] {
        let changes = try self.changes()
        for change in changes {
            let url = packageDirectory.appendingPathComponent(change.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(change.contents.utf8).write(to: url, options: change.isEdit ? .atomic : .withoutOverwriting)
        }
        return changes
    }

    /// The executable target of this package whose `main.swift` calls `GANKitCLI.main(registering:`:
    /// its name, its main file's path and its source.
    private func existingExecutable() throws -> (name: String, path: String, source: String)? {
        let sources = packageDirectory.appendingPathComponent("Sources")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.path))?.sorted() ?? []
        for name in names {
            let path = "Sources/\(name)/main.swift"
            if let source = try? String(contentsOf: packageDirectory.appendingPathComponent(path), encoding: .utf8),
               SwiftSourceText(source).find(Self.registrationCall) != nil {
                return (name, path, source)
            }
        }
        return nil
    }

    static let registrationCall = "GANKitCLI.main(registering:"

    /// `source` (an executable's main file) importing the scaffold's target and registering its type.
    static func register(_ scaffold: Scaffold, inExecutable source: String, path: String) throws -> String {
        var text = SwiftSourceText(source)
        guard let call = text.find(registrationCall), let list = text.next("[", from: call),
              let lastImport = text.lastLine(startingWith: "import ") else {
            throw ScaffoldError("\(path) has no 'import' line or no '\(registrationCall) [ … ])' list to add \(scaffold.typeName) to")
        }
        text.append("\(scaffold.typeName).self", toArrayOpenedAt: list)
        text.insertLine("import \(scaffold.targetName)", afterLineContaining: lastImport)
        return text.text
    }

    /// A new executable's main file: every `gankit` command with the component registered.
    static func executableSource(registering scaffold: Scaffold) -> String {
        """
        // Every gankit command (train, sample, evaluate, …) with this package's components registered
        // beside GANKit's built-ins, e.g. `swift run -c release <this target> train --config run.json`.
        import GANKitCLI
        import \(scaffold.targetName)

        GANKitCLI.main(registering: [
            \(scaffold.typeName).self,
        ])

        """
    }
}
