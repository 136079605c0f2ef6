import Foundation
import GANCore
import GANTestSupport
import GANIO
import Testing

/// Checkpoints: bit-identical resume, verified loading with errors naming the file at fault,
/// pruning, and atomic directories.
@Suite struct CheckpointTests {
    static func builder(seed: UInt64 = 11) -> PipelineBuilder {
        Toy.builder(seed: seed).discriminatorSteps(2).regularizer(CountingRegularizer(schedule: .lazy(interval: 3)))
    }

    /// A run directory holding the checkpoints of 10 iterations saved every 5.
    static func trainedRun(_ folder: TemporaryFolder) throws -> URL {
        let run = URL(fileURLWithPath: folder.path)
        try builder().build().train(on: Toy.data(), iterations: 10, observers: [Checkpointer(directory: run, every: 5)])
        return run
    }

    /// The manifest's entry for the tensor whose bytes hold `offset`.
    static func tensor(at offset: Int, in checkpoint: URL) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: checkpoint.appendingPathComponent("manifest.json"))) as! [String: Any]
        let entries = json["tensors"] as! [[String: Any]]
        let hit = entries.first { ($0["byteOffset"] as! Int) <= offset && offset < ($0["byteOffset"] as! Int) + 4 * ($0["count"] as! Int) }
        return hit!["name"] as! String
    }

    @Test func resumingFromTheLatestCheckpointContinuesBitIdentically() throws {
        let data = Toy.data()
        let uninterrupted = StatisticsRecorder()
        try Self.builder().build().train(on: data, iterations: 20, observers: [uninterrupted])

        try TemporaryFolder.with { folder in
            let run = try Self.trainedRun(folder)
            let latest = try #require(Checkpoint.latest(in: run))
            #expect(latest.lastPathComponent == "iter-000010")
            // A fresh pipeline with other initial weights, restored from disk.
            let resumed = try Self.builder(seed: 99).seed(11).build()
            try resumed.restore(Checkpoint.load(from: latest))
            #expect(resumed.iteration == 10)
            let continued = StatisticsRecorder()
            try resumed.train(on: data, iterations: 20, observers: [continued])
            #expect(continued.statistics == Array(uninterrupted.statistics[10...]))
        }
    }

    @Test func loadReturnsTheSnapshotThatWasWrittenBitForBit() throws {
        try TemporaryFolder.with { folder in
            let pipeline = try Self.builder().build()
            for _ in 0..<4 { _ = try pipeline.step(on: Toy.data()) }
            let snapshot = try pipeline.snapshot()
            let url = URL(fileURLWithPath: folder.path).appendingPathComponent("checkpoints/iter-000004")
            try Checkpoint.write(snapshot, to: url)
            let loaded = try Checkpoint.load(from: url)
            #expect(loaded.metadata == snapshot.metadata)
            #expect(loaded.tensors.keys.sorted() == snapshot.tensors.keys.sorted())
            for (name, tensor) in snapshot.tensors {
                #expect(loaded.tensors[name]?.shape == tensor.shape, "\(name)")
                #expect(loaded.tensors[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name)")
            }
            // Writing the same iteration again replaces it and leaves nothing else behind.
            try Checkpoint.write(snapshot, to: url)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/checkpoints") == ["iter-000004"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() == ["manifest.json", "tensors.bin"])
        }
    }

    @Test func flippedByteInTheBlobIsACRCErrorNamingTheFileAndTensor() throws {
        try TemporaryFolder.with { folder in
            let checkpoint = try #require(Checkpoint.latest(in: Self.trainedRun(folder)))
            let blob = checkpoint.appendingPathComponent("tensors.bin")
            var bytes = try Data(contentsOf: blob)
            let offset = bytes.count / 2
            bytes[offset] ^= 0x10
            try bytes.write(to: blob)
            let name = try Self.tensor(at: offset, in: checkpoint)
            #expect {
                try Checkpoint.load(from: checkpoint)
            } throws: { error in
                guard case .invalidCheckpoint(let path, let reason) = error as? GANIOError else { return false }
                return path == blob.path && reason.contains("'\(name)'") && reason.contains("CRC-32") && "\(error)".contains(blob.path)
            }
        }
    }

    @Test func truncatedBlobIsAnErrorNamingTheFileAndTheCutTensor() throws {
        try TemporaryFolder.with { folder in
            let checkpoint = try #require(Checkpoint.latest(in: Self.trainedRun(folder)))
            let blob = checkpoint.appendingPathComponent("tensors.bin")
            let bytes = try Data(contentsOf: blob)
            try bytes.prefix(bytes.count - 6).write(to: blob)
            let name = try Self.tensor(at: bytes.count - 1, in: checkpoint)
            #expect {
                try Checkpoint.load(from: checkpoint)
            } throws: { error in
                guard case .invalidCheckpoint(let path, let reason) = error as? GANIOError else { return false }
                return path == blob.path && reason.contains("truncated") && reason.contains("'\(name)'")
                    && reason.contains("\(bytes.count - 6) bytes")
            }
        }
    }

    /// Edits the manifest's JSON object and expects loading to fail naming the manifest and
    /// the given words.
    @Test(arguments: [
        ("version", "2", "format version 2; this GANKit reads version 1"),
        ("version", "null", "key 'version' is missing"),
        ("format", "\"something else\"", "key 'format' is 'something else'"),
        ("metadata", "null", "key 'metadata'"),
    ])
    func badManifestIsAnErrorNamingTheManifestAndKey(key: String, value: String, expected: String) throws {
        try TemporaryFolder.with { folder in
            let checkpoint = try #require(Checkpoint.latest(in: Self.trainedRun(folder)))
            let manifest = checkpoint.appendingPathComponent("manifest.json")
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as! [String: Any]
            json[key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            try JSONSerialization.data(withJSONObject: json).write(to: manifest)
            #expect {
                try Checkpoint.load(from: checkpoint)
            } throws: { error in
                guard case .invalidCheckpoint(let path, let reason) = error as? GANIOError else { return false }
                return path == manifest.path && reason.contains(expected)
            }
        }
    }

    @Test func missingCheckpointIsAnErrorNamingTheManifest() throws {
        try TemporaryFolder.with { folder in
            let checkpoint = URL(fileURLWithPath: folder.path).appendingPathComponent("checkpoints/iter-000001")
            #expect {
                try Checkpoint.load(from: checkpoint)
            } throws: { error in
                guard case .invalidCheckpoint(let path, let reason) = error as? GANIOError else { return false }
                return path == checkpoint.appendingPathComponent("manifest.json").path && reason.contains("cannot read")
            }
        }
    }

    @Test func keepDeletesTheOldestCheckpoints() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            try Self.builder().build().train(on: Toy.data(), iterations: 11, observers: [Checkpointer(directory: run, every: 2, keep: 3)])
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/checkpoints").sorted()
            #expect(names == ["iter-000008", "iter-000010", "iter-000011"])
        }
    }

    @Test func latestIgnoresLeftoverTemporaryDirectoriesAndIncompleteOnes() throws {
        try TemporaryFolder.with { folder in
            let run = try Self.trainedRun(folder)
            let checkpoints = run.appendingPathComponent("checkpoints")
            // An interrupted write of iteration 99 (complete inside, but not renamed) and a
            // directory without a manifest.
            try FileManager.default.copyItem(at: checkpoints.appendingPathComponent("iter-000010"),
                                             to: checkpoints.appendingPathComponent("iter-000099.tmp-12345"))
            try FileManager.default.createDirectory(at: checkpoints.appendingPathComponent("iter-000050"), withIntermediateDirectories: true)
            #expect(Checkpoint.latest(in: run)?.lastPathComponent == "iter-000010")
            #expect(Checkpoint.latest(in: URL(fileURLWithPath: folder.path + "/nowhere")) == nil)
        }
    }
}
