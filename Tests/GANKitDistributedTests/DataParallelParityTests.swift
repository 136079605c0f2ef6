import Foundation
import Testing

/// Data-parallel training over MPI equals training in one process: `DataParallelWorker` (a toy
/// BN-free run with R1, batch 8, 20 iterations) under `mpirun --oversubscribe -np 2` ends with
/// the same weights as the same run alone, to 1e-5 (the order of summation aside).
@Suite struct DataParallelParityTests {
    /// `DataParallelWorker`, built next to the test bundle with every product.
    static let worker: URL? = {
        var folder = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
        for _ in 0..<3 {
            let url = folder.appendingPathComponent("DataParallelWorker")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    static let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func twoProcessesEndWithTheWeightsOfOne() throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let mpirun = try #require(Self.mpirun, "mpirun not found: install openmpi-bin (scripts/install-deps.sh)")
        let single = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-1-\(UUID().uuidString)")
        let parallel = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-2-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: single)
            try? FileManager.default.removeItem(at: parallel)
        }
        let alone = try Self.run(worker.path, [single.path])
        #expect(alone.status == 0, "\(alone.output)")
        let together = try Self.run(mpirun, ["--oversubscribe", "-np", "2", worker.path, parallel.path, "--mpi"])
        #expect(together.status == 0, "\(together.output)")
        let a = try Self.floats(single), b = try Self.floats(parallel)
        try #require(a.count == b.count && !a.isEmpty, "\(a.count) against \(b.count) weights")
        let largest = zip(a, b).map { abs($0 - $1) }.max()!
        #expect(largest <= 1e-5, "largest difference \(largest)")
    }

    /// A rank that never reaches the first exchange ends the job within the timeout (3 s here),
    /// rank 0 naming it.
    @Test func aHungRankEndsTheJobNamingIt() throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let mpirun = try #require(Self.mpirun, "mpirun not found: install openmpi-bin (scripts/install-deps.sh)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-hang-\(UUID().uuidString)")
        let start = Date()
        let result = try Self.run(mpirun, ["--oversubscribe", "-np", "2", worker.path, output.path, "--mpi", "--hang", "1", "3"])
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status != 0)
        #expect(result.output.contains("rank 0 of 2: waited 3.0 s in collective 1"), "\(result.output)")
        #expect(result.output.contains("rank 1 did not reach it"), "\(result.output)")
        #expect(seconds < 60, "the job took \(seconds) s to end")
    }

    static func floats(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// Runs `executable`, killing it after two minutes so a hung rank cannot stall the suite;
    /// Open MPI may run as root in CI containers.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
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
