import Foundation
import GANScaffold
import Testing

/// The scaffold adds its targets to Package.swift and registers the component: in a package
/// depending on GANKit through an executable running the commands, in GANKit itself as a
/// built-in. The edits insert lines and keep everything else byte for byte.
@Suite struct ScaffoldInstallationTests {
    static func package(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-scaffold-\(UUID().uuidString)/MyGAN")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return root
    }

    static func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static let userManifest = """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "MyGAN",
            dependencies: [
                .package(path: "../GANKit-main"),  // targets: [not this one]
            ],
            targets: [
                .target(name: "Existing", dependencies: [.product(name: "GANCore", package: "GANKit-main")])
            ]
        )

        """

    @Test func inAPackageDependingOnGANKitItAddsTheTargetsAndAnExecutableRegisteringTheComponent() throws {
        let root = try Self.package(["Package.swift": Self.userManifest])
        let scaffold = try Scaffold(kind: .regularizer, name: "GradientGap")
        let changes = try ScaffoldInstallation(scaffold: scaffold, packageDirectory: root, gankitIdentity: "gankit-main").install()
        #expect(changes.map(\.path) == scaffold.files.map(\.path) + ["Sources/mygan/main.swift", "Package.swift"])
        #expect(try Self.read(root, "Package.swift") == """
            // swift-tools-version: 6.1
            import PackageDescription

            let package = Package(
                name: "MyGAN",
                dependencies: [
                    .package(path: "../GANKit-main"),  // targets: [not this one]
                ],
                targets: [
                    .target(name: "Existing", dependencies: [.product(name: "GANCore", package: "GANKit-main")]),
                    .target(name: "RegularizerGradientGap", dependencies: [.product(name: "GANCore", package: "GANKit-main")]),
                    .testTarget(name: "RegularizerGradientGapTests", dependencies: ["RegularizerGradientGap", .product(name: "GANCore", package: "GANKit-main"), .product(name: "GANTestSupport", package: "GANKit-main")]),
                    .executableTarget(name: "mygan", dependencies: ["RegularizerGradientGap", .product(name: "GANKitCLI", package: "GANKit-main")]),
                ]
            )

            """)
        #expect(try Self.read(root, "Sources/mygan/main.swift").contains("""
            import GANKitCLI
            import RegularizerGradientGap

            GANKitCLI.main(registering: [
                GradientGap.self,
            ])
            """))

        // A second component joins the same executable.
        try ScaffoldInstallation(scaffold: try Scaffold(kind: .augmentation, name: "Jitter"), packageDirectory: root,
                                 gankitIdentity: "gankit-main").install()
        let manifest = try Self.read(root, "Package.swift")
        #expect(manifest.contains(#".executableTarget(name: "mygan", dependencies: ["RegularizerGradientGap", .product(name: "GANKitCLI", package: "GANKit-main"), "AugmentationJitter"]),"#))
        #expect(manifest.contains(#"        .testTarget(name: "AugmentationJitterTests", dependencies: ["AugmentationJitter", .product(name: "GANCore", package: "GANKit-main"), .product(name: "GANTestSupport", package: "GANKit-main")]),"# + "\n    ]\n)\n"))
        #expect(try Self.read(root, "Sources/mygan/main.swift").hasSuffix("""
            import GANKitCLI
            import RegularizerGradientGap
            import AugmentationJitter

            GANKitCLI.main(registering: [
                GradientGap.self,
                Jitter.self,
            ])

            """))
    }

    @Test func aDependencyNamedInItsDeclarationIsNamedSoInProducts() throws {
        let manifest = Self.userManifest.replacingOccurrences(of: #".package(path: "../GANKit-main")"#, with: #".package(name: "GANKit", path: "../..")"#)
        let root = try Self.package(["Package.swift": manifest])
        try ScaffoldInstallation(scaffold: try Scaffold(kind: .regularizer, name: "R2"), packageDirectory: root).install()
        #expect(try Self.read(root, "Package.swift").contains(
            #".target(name: "RegularizerR2", dependencies: [.product(name: "GANCore", package: "GANKit")]),"#))
    }

    @Test func aManifestWithoutAGANKitDependencyIsAnErrorAndNothingIsWritten() throws {
        let manifest = Self.userManifest.replacingOccurrences(of: "GANKit-main", with: "Elsewhere")
        let root = try Self.package(["Package.swift": manifest])
        #expect { try ScaffoldInstallation(scaffold: try Scaffold(kind: .regularizer, name: "R2"), packageDirectory: root).install() } throws: {
            String(describing: $0).contains("cannot tell which dependency in Package.swift is GANKit (found Elsewhere)")
        }
        #expect(try Self.read(root, "Package.swift") == manifest)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources").path))
    }

    @Test func aTargetThatExistsIsNotScaffoldedAgain() throws {
        let root = try Self.package(["Package.swift": Self.userManifest])
        let installation = ScaffoldInstallation(scaffold: try Scaffold(kind: .regularizer, name: "R2"), packageDirectory: root, gankitIdentity: "gankit-main")
        try installation.install()
        try FileManager.default.removeItem(at: root.appendingPathComponent("Sources/RegularizerR2"))
        #expect { try installation.install() } throws: { String(describing: $0).contains("already declares a target RegularizerR2") }
    }

    /// In GANKit's own package (this repository's Package.swift), the component becomes a
    /// built-in: its target with its `Components.swift`, its test in the kind's test target, and
    /// one line in the manifest's `builtinMethods`, the only edit (the umbrella's GANKitBuiltins
    /// plugin registers it; the package here has no umbrella source to edit).
    @Test func inGANKitItselfTheComponentBecomesABuiltinByOneLine() throws {
        let manifest = try Self.read(ScaffoldFixtureTests.root, "Package.swift")
        let root = try Self.package(["Package.swift": manifest])
        let scaffold = try Scaffold(kind: .regularizer, name: "GradientGap")
        let changes = try ScaffoldInstallation(scaffold: scaffold, packageDirectory: root).install()
        #expect(changes.map(\.path) == [
            "Sources/RegularizerGradientGap/GradientGap.swift", "Sources/RegularizerGradientGap/GradientGapOptions.swift",
            "Sources/RegularizerGradientGap/Components.swift", "Tests/RegularizerTests/GradientGapTests.swift", "Package.swift",
        ])
        #expect(changes.filter(\.isEdit).map(\.path) == ["Package.swift"])
        #expect(try Self.read(root, "Sources/RegularizerGradientGap/Components.swift").contains("[GradientGap.self]"))
        #expect(try Self.read(root, "Tests/RegularizerTests/GradientGapTests.swift") == scaffold.files[3].contents)

        let edited = try Self.read(root, "Package.swift")
        let list = try #require(edited.range(of: "let builtinMethods = ["))
        let listEnd = try #require(edited.range(of: "\n]\n", range: list.upperBound..<edited.endIndex))
        let inserted = try #require(edited.range(of: #"    "RegularizerGradientGap","# + "\n"))
        #expect(list.upperBound < inserted.lowerBound && inserted.upperBound == edited.index(after: listEnd.lowerBound), "the entry ends the list")
        #expect(edited.replacingCharacters(in: inserted, with: "") == manifest, "nothing else changes")
        #expect { try ScaffoldInstallation(scaffold: scaffold, packageDirectory: root).install() } throws: {
            String(describing: $0).contains("already declares a target RegularizerGradientGap")
        }
    }
}
