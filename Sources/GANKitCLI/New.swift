import ArgumentParser
import Foundation
import GANKit

/// `gankit new regularizer Name`: the files of a new plug-in target.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new plug-in target (a regularizer) with a test.",
        discussion: "Writes Sources/Name/Name.swift and Tests/NameTests/NameTests.swift and prints the Package.swift lines to add.")

    @Argument(help: "What to create: regularizer.") var kind: String
    @Argument(help: "The type and target name, e.g. GradientGap.") var name: String
    @Option(name: .customLong("package-dir"), help: "The package root (default: the current directory).") var packageDirectory: String?

    func run() throws {
        guard let kind = Scaffold.Kind(rawValue: kind) else {
            throw ValidationError("unknown kind '\(kind)'; known: \(Scaffold.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let scaffold = try Scaffold(kind: kind, name: name)
        let root = URL(fileURLWithPath: packageDirectory ?? FileManager.default.currentDirectoryPath)
        for url in try scaffold.write(into: root) { print("created \(url.path)") }
        print("add to the targets of Package.swift (GANKit as a package dependency named \"GANKit\"):")
        print(scaffold.manifestLines)
    }
}
