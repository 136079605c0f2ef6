import Foundation
import GANCore

/// Checkpoints on disk: a directory per iteration holding a `TensorArchive` — a JSON manifest
/// with the pipeline's metadata and one raw blob of little-endian Float32 tensors, written under
/// a temporary name and renamed into place, so a checkpoint directory either exists complete or
/// not at all. The layout is documented in docs/checkpoint-format.md.
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
    /// The manifest's `format` value of a checkpoint.
    static let formatName = "GANKit checkpoint"
    static let manifestName = TensorArchive.manifestName

    /// `iter-000500` for iteration 500 (six digits, more when needed).
    public static func directoryName(iteration: Int) -> String {
        precondition(iteration >= 0, "Checkpoint: negative iteration \(iteration)")
        let digits = String(iteration)
        return "iter-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Writes `snapshot` as the checkpoint directory `directory`, replacing one already there,
    /// atomically (see `TensorArchive.write`). A snapshot holding a NaN or infinite value is
    /// refused before anything is written, naming the tensor: a checkpoint is a state to go
    /// back to, and one that holds such a value is not (the pipeline's non-finite guard keeps
    /// them out; this is the last line).
    public static func write(_ snapshot: PipelineSnapshot, to directory: URL) throws(GANIOError) {
        for key in snapshot.tensors.keys.sorted() {
            guard let i = NonFiniteScan.firstIndex(in: snapshot.tensors[key]!) else { continue }
            let value = snapshot.tensors[key]!.withUnsafeBufferPointer { $0[i] }
            throw .writeFailed(path: directory.path, reason: "tensor '\(key)' is \(value) at element \(i); a checkpoint never holds a non-finite value")
        }
        try TensorArchive.write(snapshot.tensors, metadata: snapshot.metadata, format: formatName, version: formatVersion,
                                to: directory)
    }

    /// Reads the checkpoint directory `directory`, verifying the format version, every blob's
    /// size, every tensor's CRC-32 and every metadata field (counters ≥ 0, the sampler's cursor
    /// within its order). An error names the file and the tensor or key at fault.
    public static func load(from directory: URL) throws(GANIOError) -> PipelineSnapshot {
        let (tensors, metadata) = try TensorArchive.read(from: directory, format: formatName, version: formatVersion,
                                                         metadata: PipelineSnapshot.Metadata.self,
                                                         fault: GANIOError.invalidCheckpoint)
        guard let metadata else {
            throw .invalidCheckpoint(path: directory.appendingPathComponent(manifestName).path, reason: "key 'metadata' is missing")
        }
        if let problem = metadata.problem {
            throw .invalidCheckpoint(path: directory.appendingPathComponent(manifestName).path, reason: problem)
        }
        return PipelineSnapshot(tensors: tensors, metadata: metadata)
    }

    /// The checkpoint of the highest iteration in `runDirectory/checkpoints`, or nil if there is
    /// none, among `complete(in:)`.
    public static func latest(in runDirectory: URL) -> URL? {
        complete(in: runDirectory).last?.url
    }

    /// The complete checkpoints of a run, oldest iteration first: directories named exactly
    /// `iter-<digits>` with a manifest, and a checkpoint a killed `write` moved aside as
    /// `iter-<digits>.old-<pid>` before its replacement arrived (the kill left no `iter-<digits>`),
    /// so every reader sees the run's real latest state without renaming anything;
    /// `Checkpointer.recoverInterruptedWrite()` later puts it back under its name. `.tmp-`
    /// leftovers of an interrupted write never count.
    public static func complete(in runDirectory: URL) -> [(iteration: Int, url: URL)] {
        let folder = runDirectory.appendingPathComponent(folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let present = Set(names)
        var found: [Int: URL] = [:]
        for name in names.sorted() {
            let final: String
            if let (base, kind) = leftover(name) {
                guard kind == "old", !present.contains(base) else { continue }
                final = base
            } else {
                final = name
            }
            let digits = final.dropFirst(5)
            guard final.hasPrefix("iter-"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let iteration = Int(digits), found[iteration] == nil else { continue }
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent(manifestName).path) else { continue }
            found[iteration] = url
        }
        return found.sorted { $0.key < $1.key }.map { (iteration: $0.key, url: $0.value) }
    }

    /// `("iter-000500", "tmp")` for `iter-000500.tmp-4242`: the checkpoint name and the kind of
    /// a leftover of `write` (`TensorArchive.write`'s temporary or displaced folder), or nil for
    /// any other name.
    static func leftover(_ name: String) -> (String, String)? {
        for kind in ["tmp", "old"] {
            let parts = name.components(separatedBy: ".\(kind)-")
            guard parts.count == 2, parts[0].hasPrefix("iter-"), parts[0].count > 5,
                  parts[0].dropFirst(5).allSatisfy({ $0.isASCII && $0.isNumber }),
                  !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            return (parts[0], kind)
        }
        return nil
    }
}
