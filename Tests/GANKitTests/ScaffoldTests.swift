import Foundation
import GANKit
import Testing

/// `gankit new regularizer Name` writes a source and a test file and never overwrites.
@Suite struct ScaffoldTests {
    @Test func writesTheTargetAndItsTestNamedAfterTheType() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-scaffold-\(UUID().uuidString)")
        let scaffold = try Scaffold(kind: .regularizer, name: "GradientGap")
        let urls = try scaffold.write(into: root)
        #expect(urls.map(\.lastPathComponent) == ["GradientGap.swift", "GradientGapTests.swift"])
        let source = try String(contentsOf: urls[0], encoding: .utf8)
        #expect(source.contains("public final class GradientGap: Regularizer"))
        #expect(source.contains("\"gradientgap\""))
        #expect(scaffold.manifestLines.contains(#".target(name: "GradientGap""#))
        #expect { _ = try scaffold.write(into: root) } throws: { String(describing: $0).contains("already exists") }
    }

    @Test(arguments: ["lowercase", "Has Space", "Dash-Name", ""])
    func rejectsNamesThatAreNotSwiftTypeNames(name: String) {
        #expect(throws: ConfigurationError.self) { _ = try Scaffold(kind: .regularizer, name: name) }
    }
}
