import Foundation

/// Reads a whole file with `open(2)` and `read(2)` until end of file, so pipes and process
/// substitutions (`--config <(…)`, `/dev/fd/N`, `/dev/stdin`) read like regular files; Foundation's
/// `Data(contentsOf:)` sizes its buffer from `fstat` and reports "You don't have permission" for
/// them on Linux.
public enum FileContents {
    /// The bytes of `path`; an error gives the system's reason in plain words (`PlainError`).
    public static func read(_ path: String) throws(FileContentsError) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileContentsError(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return data }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileContentsError(reason: String(cString: strerror(errno)))
            }
            data.append(contentsOf: buffer[0..<n])
        }
    }
}

/// Why `FileContents.read` failed, in the system's words (e.g. "No such file or directory",
/// "Is a directory").
public struct FileContentsError: Error, CustomStringConvertible {
    /// The system's words.
    public var reason: String
    public var description: String { reason }
}
