import Foundation
import GANScaffold
import Testing

/// `Tests/ScaffoldFixture` is what the scaffold writes for the name ScaffoldExample; Package.swift
/// builds it as targets of this package and runs its conformance tests. This suite keeps the
/// committed copy equal to the scaffold's output, so the code the scaffold generates today is the
/// code that compiles and passes in `make test`.
@Suite struct ScaffoldFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = root.appendingPathComponent("Tests/ScaffoldFixture")
    static let regenerate = """
        rm -rf Tests/ScaffoldFixture && \
        swift run GANScaffoldTool regularizer ScaffoldExample --files-only --package-dir Tests/ScaffoldFixture && \
        swift run GANScaffoldTool augmentation ScaffoldExample --files-only --package-dir Tests/ScaffoldFixture
        """

    @Test(arguments: Scaffold.Kind.allCases)
    func theCommittedFixtureIsTheScaffoldsOutput(kind: Scaffold.Kind) throws {
        let scaffold = try Scaffold(kind: kind, name: "ScaffoldExample")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-scaffold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try scaffold.writeFiles(into: folder)
        #expect(written.count == 4)
        for file in scaffold.files {
            let generated = try Data(contentsOf: folder.appendingPathComponent(file.path))
            let committed = try? Data(contentsOf: Self.fixture.appendingPathComponent(file.path))
            #expect(committed == generated, """
                Tests/ScaffoldFixture/\(file.path) is not what the scaffold writes now. If the template change is \
                intended, regenerate the fixture from the package root:
                \(Self.regenerate)
                """)
        }
    }

    @Test func theFixtureHoldsNoOtherFiles() throws {
        let expected = try Set(Scaffold.Kind.allCases.flatMap { try Scaffold(kind: $0, name: "ScaffoldExample").files.map(\.path) })
        let fixture = Self.fixture.resolvingSymlinksInPath()
        let enumerator = try #require(FileManager.default.enumerator(at: fixture, includingPropertiesForKeys: [.isRegularFileKey]))
        var present: Set<String> = []
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            present.insert(String(url.resolvingSymlinksInPath().path.dropFirst(fixture.path.count + 1)))
        }
        #expect(present == expected, "Tests/ScaffoldFixture must hold exactly the scaffold's output; regenerate it with:\n\(Self.regenerate)")
    }
}
