import Foundation

/// The git commit of the working directory, for results records.
public enum GitRevision {
    /// `git rev-parse HEAD` and whether `git status --porcelain --untracked-files=no` lists
    /// changes, run in `directory`; nil when git or the repository is missing.
    public static func current(in directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> (commit: String, dirty: Bool)? {
        guard let commit = run(["rev-parse", "HEAD"], in: directory), commit.count == 40,
              let status = run(["status", "--porcelain", "--untracked-files=no"], in: directory) else { return nil }
        return (commit, !status.isEmpty)
    }

    /// The trimmed standard output of `git arguments`, or nil if it cannot run or fails.
    static func run(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
