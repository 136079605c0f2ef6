import Foundation
import Testing

/// Runs a built product alone or under Open MPI's `mpirun --oversubscribe -np N` and collects
/// what it prints, for the data-parallel tests.
enum MPIJob {
    static let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `executable ARGUMENTS` under `mpirun -np ranks`, or alone when `ranks` is nil; killed after
    /// two minutes so a hung rank cannot stall the suite. Open MPI may run as root (CI
    /// containers).
    static func run(_ executable: URL, _ arguments: [String], ranks: Int?) throws -> (status: Int32, output: String) {
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
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { kill(pid, SIGKILL) } }
        let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
    }
}
