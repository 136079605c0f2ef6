import Foundation
import GANScaffold
import Testing

/// A scaffold's names follow GANKit's: the target carries the Regularizer/Augmentation prefix,
/// the kind is the type's name in kebab case, and only Swift type names are accepted.
@Suite struct ScaffoldNamingTests {
    @Test func theTargetCarriesThePrefixAndTheFilesAreNamedAfterTheType() throws {
        let scaffold = try Scaffold(kind: .regularizer, name: "GradientGap")
        #expect(scaffold.targetName == "RegularizerGradientGap")
        #expect(scaffold.testTargetName == "RegularizerGradientGapTests")
        #expect(scaffold.files.map(\.path) == [
            "Sources/RegularizerGradientGap/GradientGap.swift",
            "Sources/RegularizerGradientGap/GradientGapOptions.swift",
            "Sources/RegularizerGradientGap/Components.swift",
            "Tests/RegularizerGradientGapTests/GradientGapTests.swift",
        ])
        #expect(try Scaffold(kind: .augmentation, name: "Jitter").targetName == "AugmentationJitter")
    }

    @Test func aNameGivenWithThePrefixIsTheSameScaffold() throws {
        #expect(try Scaffold(kind: .regularizer, name: "RegularizerGradientGap").typeName == "GradientGap")
        #expect(try Scaffold(kind: .augmentation, name: "AugmentationJitter").typeName == "Jitter")
    }

    @Test(arguments: [("GradientGap", "gradient-gap"), ("R2", "r2"), ("ADAPlus", "ada-plus"), ("R2Penalty", "r2-penalty"),
                      ("MS3DLite", "ms3d-lite"), ("LeCam", "le-cam")])
    func theKindIsTheTypeNameInKebabCase(name: String, kind: String) throws {
        #expect(try Scaffold(kind: .regularizer, name: name).componentKind == kind)
    }

    @Test(arguments: ["lowercase", "Has Space", "Dash-Name", "", "Ünicode"])
    func rejectsNamesThatAreNotSwiftTypeNames(name: String) {
        #expect { _ = try Scaffold(kind: .regularizer, name: name) } throws: {
            String(describing: $0).contains("'\(name)' must be an upper-camel-case Swift identifier")
        }
    }

    @Test func neverOverwritesAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-scaffold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scaffold = try Scaffold(kind: .regularizer, name: "GradientGap")
        let options = folder.appendingPathComponent("Sources/RegularizerGradientGap/GradientGapOptions.swift")
        try FileManager.default.createDirectory(at: options.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: options)
        #expect { try scaffold.writeFiles(into: folder) } throws: { String(describing: $0).contains("already exists") }
        #expect(try String(contentsOf: options, encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Sources/RegularizerGradientGap/GradientGap.swift").path))
    }
}
