import Foundation
import Testing

/// Runs the built `gankit` binary (found as `StopSignalTests.binary`) and collects what it
/// prints, for tests of the command line's messages and exit statuses.
enum GankitProcess {
    /// The exit status and everything written to stdout and stderr. The process is killed
    /// after `timeout` seconds so a hang cannot stall the suite.
    static func run(_ arguments: [String], timeout: Double = 180) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(StopSignalTests.binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { kill(pid, SIGKILL) } }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
    }

    /// A fresh temporary path (not created) for a run folder or output file.
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gankit-\(name)-\(UUID().uuidString)")
    }
}
