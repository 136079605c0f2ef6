import Foundation
import Testing

/// Runs the built `gankit` binary (found as `StopSignalTests.binary`), or another built product,
/// alone or under Open MPI's `mpirun`, and collects what it prints, for tests of the command
/// line's messages and exit statuses and of data-parallel runs.
enum GankitProcess {
    static let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The exit status and everything `gankit ARGUMENTS` wrote to stdout and stderr.
    static func run(_ arguments: [String], timeout: Double = 180) throws -> (status: Int32, output: String) {
        try run(try #require(StopSignalTests.binary), arguments, timeout: timeout)
    }

    /// The exit status and everything `executable ARGUMENTS` wrote, run under `mpirun
    /// --oversubscribe -np ranks` when `ranks` is given (Open MPI may run as root, as in CI
    /// containers). The process is killed after `timeout` seconds so a hang cannot stall the suite.
    static func run(_ executable: URL, _ arguments: [String], ranks: Int? = nil, timeout: Double = 180) throws -> (status: Int32, output: String) {
        let process = Process()
        if let ranks {
            process.executableURL = URL(fileURLWithPath: try #require(mpirun, "mpirun not found: install openmpi-bin (scripts/install-deps.sh)"))
            process.arguments = ["--oversubscribe", "-np", "\(ranks)", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        process.environment = environment
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
