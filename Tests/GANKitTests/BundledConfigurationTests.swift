import Foundation
import Testing

/// Every run configuration in `Examples/configs` is one `gankit train --config FILE --dry-run`
/// accepts: its keys, values and components check out and its data loads. The files are listed
/// from the folder, so a configuration added there is checked without a change here.
@Suite struct BundledConfigurationTests {
    static let folder = RepositoryFolder.url.appendingPathComponent("Examples/configs")

    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func theFolderHoldsTheDocumentedConfigurations() {
        let names = Set(Self.files.map(\.lastPathComponent))
        for name in ["demo.json", "stylegan2-ada-emoji64.json", "stylegan2-ada-emoji64-wide.json", "stylegan2-ada-emoji64-faces.json"] {
            #expect(names.contains(name), "Examples/configs/\(name) is missing")
        }
    }

    @Test(arguments: files)
    func aDryRunAcceptsIt(file: URL) throws {
        let output = GankitProcess.temporary("bundled-config")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try GankitProcess.run(["train", "--config", file.path, "--output", output.path, "--dry-run"])
        #expect(result.status == 0, "Examples/configs/\(file.lastPathComponent): \(result.output)")
    }
}
