import Foundation

/// Whole text files read and written with errors that name the file and give the system's
/// reason in plain words (`GANIOError.unreadableFile`, `.writeFailed`): what the report and the
/// experiment runner read and write, where Foundation's own errors would print an
/// `NSCocoaErrorDomain` dump.
public enum TextFile {
    /// The UTF-8 text of `path` (read as `FileContents` reads, so a pipe reads too).
    public static func read(_ path: String) throws(GANIOError) -> String {
        let data: Data
        do { data = try FileContents.read(path) } catch { throw .unreadableFile(path: path, reason: error.reason) }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadableFile(path: path, reason: "it is not UTF-8 text") }
        return text
    }

    /// Writes `text` to `path` atomically (`AtomicFile`), creating its folder and any missing
    /// parents first.
    public static func write(_ text: String, to path: String) throws(GANIOError) {
        let url = URL(fileURLWithPath: path)
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        try AtomicFile.write(Data(text.utf8), to: url)
    }
}
