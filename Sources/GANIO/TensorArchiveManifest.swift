/// The `manifest.json` of a tensor archive directory (docs/checkpoint-format.md): the format
/// name and version, optional metadata of the caller's type, and where each tensor's bytes are.
struct TensorArchiveManifest<Metadata: Codable>: Codable {
    /// Names what the archive holds, e.g. `GANKit checkpoint`; readers refuse other names.
    var format: String
    /// The layout version; readers refuse versions they do not know.
    var version: Int
    /// The caller's metadata (a checkpoint's counters, random sources, component states…);
    /// absent from archives that hold tensors only.
    var metadata: Metadata?
    /// Every blob file with its size in bytes.
    var blobs: [Blob]
    /// Every tensor, in the order of its bytes.
    var tensors: [Entry]

    struct Blob: Codable, Equatable {
        /// File name inside the archive directory.
        var file: String
        /// Size of the file in bytes.
        var byteCount: Int
    }

    struct Entry: Codable, Equatable {
        /// The tensor's name, e.g. `generator.parameter.fc1.weight`.
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
}

/// Just the format name and version, decoded first so a manifest of another version gets a
/// version error rather than a confusing one about its keys.
struct TensorArchiveHeader: Decodable {
    var format: String?
    var version: Int?
}
