import Foundation
import GANCore
import GANIO

/// The features of real image sets, kept on disk so that evaluating many runs against the same
/// data computes them once: `<cache folder>/features/<key>/`, a `TensorArchive` (format
/// `gankit-features`) holding the [N, D] features as the tensor `features`.
///
/// The key is a hash of the exact image tensor fed to the network (its shape and every byte of
/// its Float32 elements) together with `extractor`, a string naming the network, its weights and
/// the preprocessing. Any change to the images — one pixel, their order, their count, the
/// resolution they were loaded at — or to the extractor gives another key, so stale features are
/// never served. The hash is 64-bit FNV-1a (Fowler, Noll & Vo); an accidental collision between
/// two entries has probability about 2⁻⁶⁴. An entry that fails the archive's size and CRC-32
/// checks, or holds features for another number of images, is a miss and is overwritten by the
/// next `store`.
public struct FeatureCache: Sendable {
    /// The folder that holds the entries.
    public let directory: URL
    /// The `TensorArchive` format name of an entry.
    public static let archiveFormat = "gankit-features"

    /// A cache in `directory`; by default `CacheFolder.url()/features`.
    public init(directory: URL = CacheFolder.url().appendingPathComponent("features", isDirectory: true)) {
        self.directory = directory
    }

    /// The key of `images` [N, …] as seen by `extractor`: 16 hex digits.
    public static func key(images: Tensor, extractor: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        mix(Array(extractor.utf8) + [0])
        mix(images.shape.map(String.init).joined(separator: "x").utf8)
        images.withUnsafeBufferPointer { values in
            var h = hash
            for value in values {
                let bits = value.bitPattern  // its four bytes, least significant (little-endian order) first
                h = (h ^ UInt64(bits & 0xFF)) &* 0x0000_0100_0000_01B3
                h = (h ^ UInt64(bits >> 8 & 0xFF)) &* 0x0000_0100_0000_01B3
                h = (h ^ UInt64(bits >> 16 & 0xFF)) &* 0x0000_0100_0000_01B3
                h = (h ^ UInt64(bits >> 24)) &* 0x0000_0100_0000_01B3
            }
            hash = h
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The cached features of `images` under `extractor`, or nil when there are none.
    public func features(for images: Tensor, extractor: String) -> Tensor? {
        guard let archive = try? TensorArchive.read(from: entry(images, extractor), format: Self.archiveFormat),
              let features = archive["features"], features.rank == 2, features.shape[0] == images.shape[0] else { return nil }
        return features
    }

    /// Stores `features` [N, D] as those of `images` [N, …] under `extractor`, replacing any
    /// entry (atomically, as `TensorArchive` writes).
    public func store(_ features: Tensor, for images: Tensor, extractor: String) throws(GANIOError) {
        precondition(features.rank == 2 && features.shape[0] == images.shape[0],
                     "FeatureCache.store: features must be [N, D] for \(images.shape[0]) images, got \(features.shape)")
        try TensorArchive.write(["features": features], format: Self.archiveFormat, to: entry(images, extractor))
    }

    /// The cached features of `images`, or else `compute(images)`, stored before it is returned;
    /// `hit` tells which.
    public func features(for images: Tensor, extractor: String,
                         compute: (Tensor) throws -> Tensor) throws -> (features: Tensor, hit: Bool) {
        if let cached = features(for: images, extractor: extractor) { return (cached, true) }
        let computed = try compute(images)
        try store(computed, for: images, extractor: extractor)
        return (computed, false)
    }

    /// The archive directory of an entry.
    func entry(_ images: Tensor, _ extractor: String) -> URL {
        directory.appendingPathComponent(Self.key(images: images, extractor: extractor), isDirectory: true)
    }
}
