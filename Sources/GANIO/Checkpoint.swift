import CZlib
import Foundation
import GANCore

/// Checkpoints on disk: a directory per iteration holding a JSON manifest and one raw blob of
/// little-endian Float32 tensors, written under a temporary name and renamed into place, so a
/// checkpoint directory either exists complete or not at all. The layout is documented in
/// docs/checkpoint-format.md.
///
/// ```
/// run/checkpoints/iter-000500/manifest.json   metadata, tensor names, shapes, offsets, CRC-32s
/// run/checkpoints/iter-000500/tensors.bin     all tensors, sorted by name, back to back
/// ```
public enum Checkpoint {
    /// The manifest version this code writes and the only one it reads.
    public static let formatVersion = 1
    /// The folder of a run directory that holds its checkpoints.
    public static let folderName = "checkpoints"
    static let manifestName = "manifest.json"
    static let blobName = "tensors.bin"

    /// `iter-000500` for iteration 500 (six digits, more when needed).
    public static func directoryName(iteration: Int) -> String {
        precondition(iteration >= 0, "Checkpoint: negative iteration \(iteration)")
        let digits = String(iteration)
        return "iter-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Writes `snapshot` as the checkpoint directory `directory`, replacing one already there.
    ///
    /// Everything goes into `<name>.tmp-<pid>` next to it first; the files and that directory are
    /// fsynced, then it is renamed to `directory` and the parent is fsynced.
    public static func write(_ snapshot: PipelineSnapshot, to directory: URL) throws(GANIOError) {
        let parent = directory.deletingLastPathComponent()
        let name = directory.lastPathComponent
        let temporary = parent.appendingPathComponent("\(name).tmp-\(getpid())")
        do throws(GANIOError) {
            try AtomicFile.createDirectory(parent)
            try? FileManager.default.removeItem(at: temporary)
            try AtomicFile.createDirectory(temporary)

            let blob = try FileWriter(creating: temporary.appendingPathComponent(blobName))
            var entries: [CheckpointManifest.Entry] = []
            var offset = 0
            for key in snapshot.tensors.keys.sorted() {
                let tensor = snapshot.tensors[key]!
                let crc = try writeLittleEndian(tensor, to: blob)
                entries.append(.init(name: key, shape: tensor.shape, file: blobName, byteOffset: offset,
                                     count: tensor.count, crc32: crc))
                offset += 4 * tensor.count
            }
            try blob.close()

            let manifest = CheckpointManifest(version: formatVersion, metadata: snapshot.metadata,
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

    /// Reads the checkpoint directory `directory`, verifying the format version, every blob's
    /// size and every tensor's CRC-32. An error names the file and the tensor or key at fault.
    public static func load(from directory: URL) throws(GANIOError) -> PipelineSnapshot {
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifest = try readManifest(manifestURL)
        let fault = { (reason: String) in GANIOError.invalidCheckpoint(path: manifestURL.path, reason: reason) }

        var seen = Set<String>()
        for entry in manifest.tensors {
            guard seen.insert(entry.name).inserted else { throw fault("tensor '\(entry.name)' is listed twice") }
            guard entry.shape.allSatisfy({ $0 >= 0 }), entry.shape.reduce(1, *) == entry.count else {
                throw fault("tensor '\(entry.name)' has shape \(entry.shape) but \(entry.count) elements")
            }
            guard entry.byteOffset >= 0 else { throw fault("tensor '\(entry.name)' has byte offset \(entry.byteOffset)") }
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
                throw GANIOError.invalidCheckpoint(path: url.path, reason: "cannot read it: \(error.localizedDescription)")
            }
            let inBlob = manifest.tensors.filter { $0.file == blob.file }
            if data.count != blob.byteCount {
                var reason = "it has \(data.count) bytes, the manifest says \(blob.byteCount)"
                if let cut = inBlob.first(where: { $0.byteOffset + 4 * $0.count > data.count }) {
                    reason += "; it is truncated in tensor '\(cut.name)' (bytes \(cut.byteOffset)..<\(cut.byteOffset + 4 * cut.count))"
                }
                throw GANIOError.invalidCheckpoint(path: url.path, reason: reason)
            }
            for entry in inBlob {
                guard entry.byteOffset + 4 * entry.count <= data.count else {
                    throw GANIOError.invalidCheckpoint(path: url.path, reason:
                        "tensor '\(entry.name)' (bytes \(entry.byteOffset)..<\(entry.byteOffset + 4 * entry.count)) lies beyond its \(data.count) bytes")
                }
                let (tensor, crc) = readLittleEndian(data, entry)
                guard crc == entry.crc32 else {
                    throw GANIOError.invalidCheckpoint(path: url.path, reason:
                        "tensor '\(entry.name)' fails its CRC-32 check (manifest \(hex(entry.crc32)), bytes \(hex(crc))): the file is corrupt")
                }
                tensors[entry.name] = tensor
            }
        }
        return PipelineSnapshot(tensors: tensors, metadata: manifest.metadata)
    }

    /// The checkpoint of the highest iteration in `runDirectory/checkpoints`, or nil if there is
    /// none. Only complete checkpoints count: directories named exactly `iter-<digits>` with a
    /// manifest; `.tmp-` leftovers of an interrupted write are ignored.
    public static func latest(in runDirectory: URL) -> URL? {
        complete(in: runDirectory).last?.url
    }

    /// The complete checkpoints of a run, oldest iteration first.
    public static func complete(in runDirectory: URL) -> [(iteration: Int, url: URL)] {
        let folder = runDirectory.appendingPathComponent(folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            let digits = name.dropFirst(5)
            guard name.hasPrefix("iter-"), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let iteration = Int(digits) else { return nil }
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path) else { return nil }
            return (iteration, url)
        }
        .sorted { $0.0 < $1.0 }
    }

    // MARK: - Helpers

    /// Decodes a manifest, checking its format name and version before its keys.
    private static func readManifest(_ url: URL) throws(GANIOError) -> CheckpointManifest {
        let fault = { (reason: String) in GANIOError.invalidCheckpoint(path: url.path, reason: reason) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw fault("cannot read it: \(error.localizedDescription)") }
        let decoder = JSONDecoder()
        let header: CheckpointManifest.Header
        do { header = try decoder.decode(CheckpointManifest.Header.self, from: data) } catch {
            throw fault("it is not a JSON object (\(describe(error)))")
        }
        guard header.format == CheckpointManifest.formatName else {
            throw fault("key 'format' is \(header.format.map { "'\($0)'" } ?? "missing"), expected '\(CheckpointManifest.formatName)'")
        }
        guard let version = header.version else { throw fault("key 'version' is missing") }
        guard version == formatVersion else {
            throw fault("format version \(version); this GANKit reads version \(formatVersion)")
        }
        do { return try decoder.decode(CheckpointManifest.self, from: data) } catch { throw fault(describe(error)) }
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
    private static func readLittleEndian(_ data: Data, _ entry: CheckpointManifest.Entry) -> (Tensor, UInt32) {
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

    /// zlib's CRC-32 of `bytes`, fed in chunks that fit its 32-bit length argument.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
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
