import Foundation
import GANCore
import GANIO
import Testing

/// A checkpoint manifest is validated field by field: a crafted or damaged one is refused with
/// the key and the value, never trains from a negative iteration and never crashes the process.
@Suite struct CheckpointMetadataTests {
    /// Sets `value` (JSON text) at the key path `keys` of the latest checkpoint's manifest of a
    /// freshly trained run and returns the error loading it gives, or nil.
    static func loadError(setting keys: [String], to value: String) throws -> String? {
        try TemporaryFolder.with { folder -> String? in
            let checkpoint = try #require(Checkpoint.latest(in: CheckpointTests.trainedRun(folder)))
            let manifest = checkpoint.appendingPathComponent("manifest.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest))
            let replacement = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            try JSONSerialization.data(withJSONObject: set(json, keys[...], replacement)).write(to: manifest)
            do {
                _ = try Checkpoint.load(from: checkpoint)
                return nil
            } catch {
                guard case .invalidCheckpoint(let path, let reason) = error as? GANIOError else { return "another error: \(error)" }
                return path == manifest.path ? reason : "another path: \(path)"
            }
        }
    }

    /// `json` with `value` at the key path (keys of objects; the first entry of a dictionary
    /// when the key is "*").
    static func set(_ json: Any, _ keys: ArraySlice<String>, _ value: Any) -> Any {
        guard let key = keys.first else { return value }
        var object = json as! [String: Any]
        let name = key == "*" ? object.keys.sorted().first! : key
        object[name] = set(object[name] as Any, keys.dropFirst(), value)
        return object
    }

    /// JSON text of an array of integers.
    static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// (The toy data set of `CheckpointTests.trainedRun` has 40 images.)
    @Test(arguments: [
        (["metadata", "iteration"], "-10", "key 'metadata.iteration' is -10; it must be ≥ 0"),
        (["metadata", "discriminatorStepCount"], "-1", "key 'metadata.discriminatorStepCount' is -1; it must be ≥ 0"),
        (["metadata", "imagesShown"], "-64", "key 'metadata.imagesShown' is -64; it must be ≥ 0"),
        (["metadata", "optimizerSteps", "generator", "*"], "-3", "it must be ≥ 0"),
        (["metadata", "optimizerSteps", "critic"], "{}", "key 'metadata.optimizerSteps.critic' names no optimiser"),
        (["metadata", "sampler", "cursor"], "99", "key 'metadata.sampler.cursor': must lie in 0...40, got 99"),
        (["metadata", "sampler", "cursor"], "-1", "key 'metadata.sampler.cursor': must lie in 0...40, got -1"),
        (["metadata", "sampler", "order"], CheckpointMetadataTests.list([0] + Array(0..<39)), "key 'metadata.sampler.order': must be empty or hold each of 0..<40 once"),
        (["metadata", "sampler", "order"], CheckpointMetadataTests.list(Array(0..<39) + [99]), "key 'metadata.sampler.order': must be empty or hold each of 0..<40 once"),
        (["metadata", "sampler", "datasetCount"], "0", "key 'metadata.sampler.datasetCount': must be ≥ 1, got 0"),
        (["metadata", "iteration"], "1.5", "key 'metadata.iteration': must be a whole number, got 1.5"),
        (["metadata", "sampler"], "\"x\"", "metadata.sampler"),
    ])
    func aCraftedMetadataFieldIsRefusedNamingTheKey(keys: [String], value: String, expected: String) throws {
        let reason = try Self.loadError(setting: keys, to: value)
        #expect(reason?.contains(expected) == true, "\(reason ?? "loaded without an error")")
    }

    @Test func anUntouchedCheckpointLoads() throws {
        #expect(try Self.loadError(setting: ["format"], to: "\"GANKit checkpoint\"") == nil)
    }

    /// Shapes and offsets whose products overflow `Int` are errors, not arithmetic traps.
    @Test(arguments: [
        ("shape", "[4294967296, 4294967296, 4]", "has shape"),
        ("count", "9223372036854775807", "has shape"),
        ("byteOffset", "9223372036854775800", "has byte offset"),
    ])
    func aTensorEntryWhoseSizeOverflowsIsRefused(key: String, value: String, expected: String) throws {
        try TemporaryFolder.with { folder in
            let checkpoint = try #require(Checkpoint.latest(in: CheckpointTests.trainedRun(folder)))
            let manifest = checkpoint.appendingPathComponent("manifest.json")
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as! [String: Any]
            var entries = json["tensors"] as! [[String: Any]]
            entries[0][key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            json["tensors"] = entries
            try JSONSerialization.data(withJSONObject: json).write(to: manifest)
            #expect {
                try Checkpoint.load(from: checkpoint)
            } throws: { error in
                String(describing: error).contains(expected)
            }
        }
    }
}
