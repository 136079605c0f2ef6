import ArgumentParser
import Foundation

extension Scaffold.Kind: ExpressibleByArgument {}

/// The arguments of `gankit new` and of the `gankit-new` command plugin (through
/// `GANScaffoldTool`), and what they do.
public struct ScaffoldArguments: ParsableArguments {
    /// The commands' abstract and discussion.
    public static func configuration(commandName: String) -> CommandConfiguration {
        CommandConfiguration(
            commandName: commandName,
            abstract: "Create a regularizer or augmentation target with its options, registration and conformance test.",
            discussion: """
                `regularizer GradientGap` writes Sources/RegularizerGradientGap/GradientGap.swift, \
                GradientGapOptions.swift (kind "gradient-gap") and Components.swift, and \
                Tests/RegularizerGradientGapTests/GradientGapTests.swift, \
                and adds both targets to Package.swift. In a package depending on GANKit it registers the component \
                in the executable that calls GANKitCLI.main(registering:), creating one (--executable) if there is \
                none; in GANKit itself it makes it a built-in (its name in builtinMethods in Package.swift, its \
                test in Tests/RegularizerTests or Tests/AugmentationTests).
                """)
    }

    @Argument(help: "What to create.") var kind: Scaffold.Kind
    @Argument(help: "The type's name, e.g. GradientGap (its target: RegularizerGradientGap).") var name: String
    @Option(name: .customLong("package-dir"), help: "The package root (default: the current directory).") var packageDirectory: String?
    @Option(name: .customLong("gankit-package"),
            help: "How Package.swift names the GANKit dependency in .product(package:) (default: read from its .package(…)).")
    var gankitPackage: String?
    @Option(name: .customLong("gankit-identity"), help: .hidden) var gankitIdentity: String?
    @Option(help: "The executable target to create, registering the component, when the package has none.") var executable = "mygan"
    @Flag(name: .customLong("files-only"), help: "Write the four files only; leave Package.swift and the registration alone.")
    var filesOnly = false

    public init() {}

    /// Writes the scaffold and prints what it created and edited.
    public func run() throws {
        let scaffold = try Scaffold(kind: kind, name: name)
        let root = URL(fileURLWithPath: packageDirectory ?? FileManager.default.currentDirectoryPath)
        if filesOnly {
            for url in try scaffold.writeFiles(into: root) { print("created \(url.path)") }
            return
        }
        let installation = ScaffoldInstallation(scaffold: scaffold, packageDirectory: root, gankitPackage: gankitPackage,
                                                gankitIdentity: gankitIdentity, executable: executable)
        for change in try installation.install() {
            print("\(change.isEdit ? "edited " : "created") \(change.path)")
        }
        print("""
            next: swift test -c release --filter \(scaffold.typeName)Tests
            its kind in configurations and flags: "\(scaffold.componentKind)"
            """)
    }
}
