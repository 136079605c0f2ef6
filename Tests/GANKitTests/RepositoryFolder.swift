import Foundation

/// The repository's top folder (this file is `Tests/GANKitTests/RepositoryFolder.swift`), for
/// the tests that read the manifest, the README or the bundled examples.
enum RepositoryFolder {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
