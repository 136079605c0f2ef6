import Foundation

/// A progress bar on standard error, redrawn in place, for work measured in items (images
/// through the feature network). Draws nothing when standard error is not a terminal, so logs
/// and `--json` output stay clean.
struct ProgressBar {
    let label: String
    let total: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let start = Date()

    init(_ label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Shows `done` of `total` items, with the rate and the time left.
    func update(_ done: Int) {
        guard isTerminal, total > 0 else { return }
        let width = 24
        let filled = min(width, done * width / total)
        let elapsed = Date().timeIntervalSince(start)
        var line = "\r\u{1B}[2K\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        if done > 0 && elapsed > 0 {
            line += String(format: " %.1f img/s", Double(done) / elapsed)
            if done < total { line += String(format: ", %.0f s left", elapsed / Double(done) * Double(total - done)) }
        }
        FileHandle.standardError.write(Data(line.utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
