import Foundation
import GANCore
import GANIO

/// The features of real image sets, kept on disk so that evaluating many runs against the same
/// data computes them once: `<cache folder>/features/<key>.json` (what the entry holds) and
/// `<key>.f32` (the [N, D] features, little-endian Float32, row-major).
///
/// The key is a hash of the exact image tensor fed to the network (its shape and every byte of
/// its Float32 elements) together with `extractor`, a string naming the network, its weights and
/// the preprocessing. Any change to the images — one pixel, their order, their count, the
/// resolution they were loaded at — or to the extractor gives another key, so stale features are
/// never served. The hash is 64-bit FNV-1a (Fowler, Noll & Vo); an accidental collision between
/// two entries has probability about 2⁻⁶⁴. An entry whose files are missing, truncated or name
/// another shape or extractor is a miss and is overwritten by the next `store`.
public struct FeatureCache: Sendable {
    /// The folder that holds the entries.
    public let directory: URL

    /// A cache in `directory`; by default `CacheFolder.url()/features`.
    public init(directory: URL = CacheFolder.url().appendingPathComponent("features", isDirectory: true)) {
        self.directory = directory
    }

    /// What an entry's JSON file records.
    struct Entry: Codable, Equatable {
        var extractor: String
        var imageShape: [Int]
        var featureShape: [Int]
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
        let key = Self.key(images: images, extractor: extractor)
        guard let json = try? Data(contentsOf: url(key, "json")),
              let entry = try? JSONDecoder().decode(Entry.self, from: json),
              entry.extractor == extractor, entry.imageShape == images.shape, entry.featureShape.count == 2,
              let data = try? Data(contentsOf: url(key, "f32")),
              data.count == 4 * entry.featureShape[0] * entry.featureShape[1] else { return nil }
        return Tensor.make(entry.featureShape) { out in
            data.withUnsafeBytes { raw in
                for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            }
        }
    }

    /// Stores `features` [N, D] as those of `images` under `extractor`, replacing any entry; the
    /// files are written under temporary names and renamed, so a reader never sees half of one.
    public func store(_ features: Tensor, for images: Tensor, extractor: String) throws(GANIOError) {
        precondition(features.rank == 2, "FeatureCache.store: features must be [N, D], got \(features.shape)")
        let key = Self.key(images: images, extractor: extractor)
        var bytes = Data(count: 4 * features.count)
        bytes.withUnsafeMutableBytes { raw in
            features.withUnsafeBufferPointer { values in
                for (i, v) in values.enumerated() { raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
            }
        }
        let entry = Entry(extractor: extractor, imageShape: images.shape, featureShape: features.shape)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let target = url(key, "f32")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try bytes.write(to: target, options: .atomic)
            try encoder.encode(entry).write(to: url(key, "json"), options: .atomic)
        } catch {
            throw .writeFailed(path: target.path, reason: "cannot write cached features: \(error.localizedDescription)")
        }
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

    private func url(_ key: String, _ suffix: String) -> URL {
        directory.appendingPathComponent("\(key).\(suffix)")
    }
}
