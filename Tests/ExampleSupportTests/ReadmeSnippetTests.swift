import Foundation
import Testing

/// The README's Swift snippet compiles as shown: it is `Examples/ComposePipeline/main.swift`
/// between its markers, verbatim, after the snippet's `import GANKit` (which main.swift has too),
/// and that program is built with the package.
@Suite struct ReadmeSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first ```swift block after `heading` in `text`, without its fences.
    static func swiftBlock(after heading: String, in text: String) -> String? {
        guard let section = text.range(of: heading), let open = text.range(of: "```swift\n", range: section.upperBound..<text.endIndex),
              let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    @Test func theComposingSnippetIsTheExampleProgramVerbatim() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let program = try String(contentsOf: Self.root.appendingPathComponent("Examples/ComposePipeline/main.swift"), encoding: .utf8)
        let snippet = try #require(Self.swiftBlock(after: "## Composing a pipeline in Swift", in: readme))
        #expect(snippet.hasPrefix("import GANKit\n\n"), "the snippet names the module it needs")
        let body = String(snippet.dropFirst("import GANKit\n\n".count))
        let marked = try #require(program.range(of: "// README snippet: begin\n").flatMap { begin in
            program.range(of: "// README snippet: end\n", range: begin.upperBound..<program.endIndex).map { String(program[begin.upperBound..<$0.lowerBound]) }
        })
        #expect(marked == body + "\n", "README.md's snippet and main.swift's marked lines differ")
        #expect(program.contains("\nimport GANKit\n"))
    }

    @Test func theResumingSnippetIsLinesOfTheExampleProgram() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let program = try String(contentsOf: Self.root.appendingPathComponent("Examples/ComposePipeline/main.swift"), encoding: .utf8)
        let snippet = try #require(Self.swiftBlock(after: "## Resuming in Swift", in: readme))
        #expect(snippet.contains("resumeFromLatestCheckpoint"))
        #expect(program.contains("\n" + snippet + "\n"), "README.md's resuming snippet is not a run of lines of main.swift")
    }
}
