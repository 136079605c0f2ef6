import GANCore

/// The `manifest.json` of a checkpoint directory (format version 1, see
/// docs/checkpoint-format.md): the run's metadata and where each tensor's bytes are.
struct CheckpointManifest: Codable {
    /// Identifies the file as a GANKit checkpoint manifest.
    var format = CheckpointManifest.formatName
    /// The layout version; readers refuse versions they do not know.
    var version: Int
    /// Counters, random sources, optimiser step counts and component states.
    var metadata: PipelineSnapshot.Metadata
    /// Every blob file with its size in bytes.
    var blobs: [Blob]
    /// Every tensor, in the order of its bytes.
    var tensors: [Entry]

    static let formatName = "GANKit checkpoint"

    struct Blob: Codable, Equatable {
        /// File name inside the checkpoint directory.
        var file: String
        /// Size of the file in bytes.
        var byteCount: Int
    }

    struct Entry: Codable, Equatable {
        /// The snapshot's name for the tensor, e.g. `generator.parameter.fc1.weight`.
        var name: String
        /// Its shape; the product is `count`.
        var shape: [Int]
        /// The blob file holding it.
        var file: String
        /// Where its bytes start in that file.
        var byteOffset: Int
        /// Number of Float32 elements (4 bytes each, little-endian).
        var count: Int
        /// CRC-32 (ISO-HDLC, as zlib and PNG compute it) of its `4 · count` bytes.
        var crc32: UInt32
    }

    /// Just the version, decoded first so a manifest of another version gets a version error
    /// rather than a confusing one about its keys.
    struct Header: Decodable {
        var format: String?
        var version: Int?
    }
}
