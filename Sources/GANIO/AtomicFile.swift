import Foundation

/// Writing files so a reader (or a crash) never sees half of one: the bytes go to a temporary
/// file in the destination's own directory (same file system, so `rename(2)` is atomic), are
/// flushed with `fsync`, and only then take the final name. Errors name the destination and
/// give the system's reason (`GANIOError.writeFailed`).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, replacing any file there. An error names `url` (not
    /// the temporary file) with the system's reason.
    public static func write(_ data: Data, to url: URL) throws(GANIOError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do throws(GANIOError) {
            let file = try FileWriter(creating: temporary)
            try file.write(Array(data))
            try file.close()
            guard Foundation.rename(temporary.path, url.path) == 0 else { throw .writeFailed(path: url.path, reason: errorText()) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            guard case .writeFailed(_, let reason) = error else { throw error }
            throw .writeFailed(path: url.path, reason: reason)
        }
    }

    /// Renames `source` to `destination` with `rename(2)` (atomic within one file system;
    /// replaces a file, or an empty directory, at `destination`).
    static func rename(_ source: URL, to destination: URL) throws(GANIOError) {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            throw .writeFailed(path: destination.path, reason: "cannot rename \(source.lastPathComponent): \(errorText())")
        }
    }

    /// Creates the directory `url` and any missing parents (nothing if it exists), with
    /// `mkdir(2)` one level at a time so a failure carries the system's reason ("Not a
    /// directory", "Permission denied"); Foundation's reports NSCocoaErrorDomain error 512
    /// without it on Linux.
    public static func createDirectory(_ url: URL) throws(GANIOError) {
        let path = url.standardizedFileURL.path
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            guard mkdir(prefix, 0o777) == 0 || errno == EEXIST else {
                throw .writeFailed(path: url.path, reason: "cannot create the directory: \(errorText())")
            }
            guard FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .writeFailed(path: url.path, reason: "cannot create the directory: \(String(cString: strerror(ENOTDIR)))")
            }
        }
    }

    /// Flushes a directory's entries (new names, renames) to disk.
    static func syncDirectory(_ url: URL) throws(GANIOError) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw .writeFailed(path: url.path, reason: "cannot open the directory: \(errorText())") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .writeFailed(path: url.path, reason: "fsync failed: \(errorText())") }
    }

    /// The text of the current `errno`.
    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// A new file written sequentially through a POSIX descriptor, flushed to disk by `close()`.
final class FileWriter {
    let url: URL
    private var fd: Int32

    /// Creates `url`, which must not exist yet.
    init(creating url: URL) throws(GANIOError) {
        self.url = url
        fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: url.path, reason: AtomicFile.errorText()) }
    }

    deinit { if fd >= 0 { Foundation.close(fd) } }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(GANIOError) {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .writeFailed(path: url.path, reason: AtomicFile.errorText()) }
            done += n
        }
    }

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws(GANIOError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(GANIOError) in try write(raw) } }.get()
    }

    /// Flushes the file to disk (`fsync`) and closes it.
    func close() throws(GANIOError) {
        defer { Foundation.close(fd); fd = -1 }
        guard fsync(fd) == 0 else { throw .writeFailed(path: url.path, reason: "fsync failed: \(AtomicFile.errorText())") }
    }
}
