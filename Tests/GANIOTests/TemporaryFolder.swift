import Foundation

/// A fresh folder under the system's temporary directory for the duration of a closure.
struct TemporaryFolder {
    let path: String

    /// Runs `body` with a new empty folder and removes the folder afterwards.
    static func with<R>(_ body: (TemporaryFolder) throws -> R) throws -> R {
        let folder = TemporaryFolder(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("ganio-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        return try body(folder)
    }

    /// The full path of `name` inside the folder, creating intermediate folders.
    func file(_ name: String) throws -> String {
        let full = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return full
    }

    /// Writes `data` to `name` inside the folder and returns its full path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let full = try file(name)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }
}
