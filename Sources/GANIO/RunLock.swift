import Foundation

/// One owner per run folder: an exclusive `flock(2)` on `<run>/.lock`, which holds the owner's
/// process id as text. The lock lives as long as the value (or until `release()`); the kernel
/// drops it when the process exits however it exits, so a killed run never leaves a folder
/// locked. The `.lock` file itself stays behind and is harmless.
///
/// `flock` locks belong to an open file description, so a second `RunLock` on the same folder
/// fails even inside the process that holds the first.
public final class RunLock {
    /// The run folder.
    public let directory: URL
    /// `<run>/.lock`.
    public var file: URL { directory.appendingPathComponent(Self.fileName) }
    /// The lock file's name.
    public static let fileName = ".lock"
    private var fd: Int32

    /// Creates the folder if needed and takes its lock without waiting; if another process (or
    /// another `RunLock`) holds it, throws `GANIOError.runInUse` naming the folder and the
    /// holder's process id.
    public init(directory: URL) throws(GANIOError) {
        self.directory = directory
        try AtomicFile.createDirectory(directory)
        let path = directory.appendingPathComponent(Self.fileName).path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "cannot open the run lock: \(AtomicFile.errorText())") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = AtomicFile.errorText()
            let holder = busy ? Self.holder(fd) : nil
            Foundation.close(fd)
            fd = -1
            if busy { throw .runInUse(folder: directory.path, pid: holder) }
            throw .writeFailed(path: path, reason: "cannot lock it: \(reason)")
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count else {
            let reason = AtomicFile.errorText()
            release()
            throw .writeFailed(path: path, reason: "cannot record the process id in the run lock: \(reason)")
        }
    }

    /// A lock on the run folder at `path`.
    public convenience init(_ path: String) throws(GANIOError) {
        try self.init(directory: URL(fileURLWithPath: path))
    }

    deinit { release() }

    /// Whether this value still holds the lock.
    public var isHeld: Bool { fd >= 0 }

    /// Gives the lock up (nothing if already released).
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        Foundation.close(fd)
        fd = -1
    }

    /// The process id written in an open lock file, or nil if it holds none (yet).
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &bytes, bytes.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: bytes[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
