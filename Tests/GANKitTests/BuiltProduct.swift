import Foundation

/// An executable product next to the test bundle, where `swift build` and `swift test` put every
/// product (the bundle may be a folder, on Darwin, or a file, on Linux).
enum BuiltProduct {
    static func url(named name: String) -> URL? {
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap { $0 }
        for start in candidates {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<3 {
                let url = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                   FileManager.default.isExecutableFile(atPath: url.path) { return url }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }
}
