import CZlib
import Foundation
import GANCore

/// A named set of Float32 tensors on disk: a directory holding a JSON manifest and one raw blob
/// of little-endian Float32 values, written under a temporary name and renamed into place, so the
/// directory either exists complete or not at all. Checkpoints are tensor archives with the
/// pipeline's metadata in the manifest; converted network weights are tensor archives without.
/// The layout is documented in docs/checkpoint-format.md.
///
/// ```
/// <directory>/manifest.json   format, version, metadata, tensor names, shapes, offsets, CRC-32s
/// <directory>/tensors.bin     all tensors, sorted by name, back to back
/// ```
public enum TensorArchive {
    /// The manifest's file name inside an archive directory.
    public static let manifestName = "manifest.json"
    /// The blob's file name inside an archive directory.
    public static let blobName = "tensors.bin"

    /// Writes `tensors` as the archive directory `directory` with the manifest's `format` name and
    /// `version`, replacing an archive already there.
    public static func write(_ tensors: [String: Tensor], format: String, version: Int = 1,
                             to directory: URL) throws(GANIOError) {
        try write(tensors, metadata: nil as Empty?, format: format, version: version, to: directory)
    }

    /// Reads the archive directory `directory`, which must have been written with `format` and
    /// `version`, verifying every blob's size and every tensor's shape and CRC-32. Errors are
    /// `GANIOError.invalidTensorArchive` naming the file and the tensor or key at fault.
    public static func read(from directory: URL, format: String, version: Int = 1) throws(GANIOError) -> [String: Tensor] {
        try read(from: directory, format: format, version: version, metadata: Empty.self,
                 fault: GANIOError.invalidTensorArchive).tensors
    }

    /// The metadata type of archives that have none.
    struct Empty: Codable {}

    /// Writes `tensors` and `metadata` (omitted when nil) as the archive `directory`.
    ///
    /// Everything goes into `<name>.tmp-<pid>` next to it first; the files and that directory are
    /// fsynced, then it is renamed to `directory` and the parent is fsynced.
    static func write<Metadata: Codable>(_ tensors: [String: Tensor], metadata: Metadata?, format: String, version: Int,
                                         to directory: URL) throws(GANIOError) {
        let parent = directory.deletingLastPathComponent()
        let name = directory.lastPathComponent
        let temporary = parent.appendingPathComponent("\(name).tmp-\(getpid())")
        do throws(GANIOError) {
            try AtomicFile.createDirectory(parent)
            try? FileManager.default.removeItem(at: temporary)
            try AtomicFile.createDirectory(temporary)

            let blob = try FileWriter(creating: temporary.appendingPathComponent(blobName))
            var entries: [TensorArchiveManifest<Metadata>.Entry] = []
            var offset = 0
            for key in tensors.keys.sorted() {
                let tensor = tensors[key]!
                let crc = try writeLittleEndian(tensor, to: blob)
                entries.append(.init(name: key, shape: tensor.shape, file: blobName, byteOffset: offset,
                                     count: tensor.count, crc32: crc))
                offset += 4 * tensor.count
            }
            try blob.close()

            let manifest = TensorArchiveManifest(format: format, version: version, metadata: metadata,
                                                 blobs: [.init(file: blobName, byteCount: offset)], tensors: entries)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let manifestURL = temporary.appendingPathComponent(manifestName)
            let json: Data
            do { json = try encoder.encode(manifest) } catch {
                throw GANIOError.writeFailed(path: manifestURL.path, reason: "cannot encode the metadata: \(error)")
            }
            let file = try FileWriter(creating: manifestURL)
            try file.write(Array(json))
            try file.close()
            try AtomicFile.syncDirectory(temporary)

            // rename(2) cannot replace a non-empty directory: move an old one aside first.
            let displaced = parent.appendingPathComponent("\(name).old-\(getpid())")
            let replacing = FileManager.default.fileExists(atPath: directory.path)
            if replacing { try AtomicFile.rename(directory, to: displaced) }
            try AtomicFile.rename(temporary, to: directory)
            if replacing { try? FileManager.default.removeItem(at: displaced) }
            try AtomicFile.syncDirectory(parent)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Reads the archive `directory` and its metadata (nil when the manifest has none). `fault`
    /// makes the error for a file path and a reason naming the tensor or key.
    static func read<Metadata: Codable>(from directory: URL, format: String, version: Int, metadata: Metadata.Type,
                                        fault makeError: (String, String) -> GANIOError)
        throws(GANIOError) -> (tensors: [String: Tensor], metadata: Metadata?) {
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifest: TensorArchiveManifest<Metadata> = try readManifest(manifestURL, format: format, version: version,
                                                                         fault: makeError)
        func fault(_ reason: String) -> GANIOError { makeError(manifestURL.path, reason) }

        var seen = Set<String>()
        for entry in manifest.tensors {
            guard seen.insert(entry.name).inserted else { throw fault("tensor '\(entry.name)' is listed twice") }
            // Sizes are multiplied with overflow checks: a crafted manifest must not trap.
            let product = entry.shape.reduce(Optional(1)) { total, n in
                guard let total, n >= 0 else { return nil }
                let (p, overflow) = total.multipliedReportingOverflow(by: n)
                return overflow ? nil : p
            }
            guard product == entry.count, entry.count <= Int.max / 4 else {
                throw fault("tensor '\(entry.name)' has shape \(entry.shape) but \(entry.count) elements")
            }
            guard entry.byteOffset >= 0, entry.byteOffset <= Int.max - 4 * entry.count else {
                throw fault("tensor '\(entry.name)' has byte offset \(entry.byteOffset)")
            }
            guard manifest.blobs.contains(where: { $0.file == entry.file }) else {
                throw fault("tensor '\(entry.name)' is in '\(entry.file)', which is not among the blobs")
            }
        }

        var tensors: [String: Tensor] = [:]
        for blob in manifest.blobs {
            guard !blob.file.isEmpty, !blob.file.contains("/"), !blob.file.hasPrefix(".") else {
                throw fault("blob file name '\(blob.file)' is not a plain file name")
            }
            let url = directory.appendingPathComponent(blob.file)
            let data: Data
            do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
                throw makeError(url.path, "cannot read it: \(PlainError.reason(error))")
            }
            let inBlob = manifest.tensors.filter { $0.file == blob.file }
            if data.count != blob.byteCount {
                var reason = "it has \(data.count) bytes, the manifest says \(blob.byteCount)"
                if let cut = inBlob.first(where: { $0.byteOffset + 4 * $0.count > data.count }) {
                    reason += "; it is truncated in tensor '\(cut.name)' (bytes \(cut.byteOffset)..<\(cut.byteOffset + 4 * cut.count))"
                }
                throw makeError(url.path, reason)
            }
            for entry in inBlob {
                guard entry.byteOffset + 4 * entry.count <= data.count else {
                    throw makeError(url.path,
                        "tensor '\(entry.name)' (bytes \(entry.byteOffset)..<\(entry.byteOffset + 4 * entry.count)) lies beyond its \(data.count) bytes")
                }
                let (tensor, crc) = readLittleEndian(data, entry)
                guard crc == entry.crc32 else {
                    throw makeError(url.path,
                        "tensor '\(entry.name)' fails its CRC-32 check (manifest \(hex(entry.crc32)), bytes \(hex(crc))): the file is corrupt")
                }
                tensors[entry.name] = tensor
            }
        }
        return (tensors, manifest.metadata)
    }

    // MARK: - Helpers

    /// Decodes a manifest, checking its format name and version before its keys.
    private static func readManifest<Metadata: Codable>(_ url: URL, format: String, version expected: Int,
                                                        fault makeError: (String, String) -> GANIOError)
        throws(GANIOError) -> TensorArchiveManifest<Metadata> {
        func fault(_ reason: String) -> GANIOError { makeError(url.path, reason) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw fault("cannot read it: \(PlainError.reason(error))") }
        let decoder = JSONDecoder()
        // JSONParser says where the text goes wrong (Foundation's decoder does not on Linux).
        do { _ = try JSONParser.parse(data) } catch { throw fault("it is not valid JSON at \(error)") }
        let header: TensorArchiveHeader
        do { header = try decoder.decode(TensorArchiveHeader.self, from: data) } catch {
            throw fault("it is not a JSON object (\(describe(error)))")
        }
        guard header.format == format else {
            throw fault("key 'format' is \(header.format.map { "'\($0)'" } ?? "missing"), expected '\(format)'")
        }
        guard let version = header.version else { throw fault("key 'version' is missing") }
        guard version == expected else {
            throw fault("format version \(version); this GANKit reads version \(expected)")
        }
        do { return try decoder.decode(TensorArchiveManifest<Metadata>.self, from: data) } catch {
            // Foundation's decoder on Linux reports a number of the wrong kind without its key;
            // the checked decoder (which reads numbers as Doubles, so only for the message)
            // names it.
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty, let json = try? JSONParser.parse(data) {
                do { _ = try json.decoded(as: TensorArchiveManifest<Metadata>.self) } catch { throw fault(describe(error)) }
            }
            throw fault(describe(error))
        }
    }

    /// A decoding error as "key 'metadata.iteration' is missing", naming the key path.
    private static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let parent = path(context)
            return "key '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(let type, let context):
            return "key '\(path(context))' is not of type \(type): \(context.debugDescription)"
        case DecodingError.valueNotFound(let type, let context):
            return "key '\(path(context))' is null, expected \(type)"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context).isEmpty ? "" : "key '\(path(context))': ")\(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }

    /// Appends the tensor's elements as little-endian Float32 and returns their CRC-32.
    private static func writeLittleEndian(_ tensor: Tensor, to file: FileWriter) throws(GANIOError) -> UInt32 {
        var values = tensor.scalars
        #if _endian(big)
        for i in values.indices { values[i] = Float(bitPattern: values[i].bitPattern.littleEndian) }
        #endif
        let crc = values.withUnsafeBytes { checksum($0) }
        try values.withUnsafeBytes { bytes in Result { () throws(GANIOError) in try file.write(bytes) } }.get()
        return crc
    }

    /// The tensor stored at `entry` in `data` and the CRC-32 of its bytes.
    private static func readLittleEndian<Metadata>(_ data: Data, _ entry: TensorArchiveManifest<Metadata>.Entry) -> (Tensor, UInt32) {
        data.withUnsafeBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[entry.byteOffset..<(entry.byteOffset + 4 * entry.count)])
            let tensor = Tensor.make(entry.shape) { out in
                UnsafeMutableRawBufferPointer(out).copyMemory(from: bytes)
                #if _endian(big)
                for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
                #endif
            }
            return (tensor, checksum(bytes))
        }
    }

    /// zlib's CRC-32 of `bytes`, fed in chunks that fit its 32-bit length argument (the checksum
    /// of the archive's tensors, and of ZIP entries in GANMetrics).
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = crc32(0, nil, 0)
        var start = 0
        while start < bytes.count {
            let length = min(bytes.count - start, 1 << 30)
            crc = crc32(crc, bytes.baseAddress!.advanced(by: start).assumingMemoryBound(to: Bytef.self), uInt(length))
            start += length
        }
        return UInt32(crc)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
