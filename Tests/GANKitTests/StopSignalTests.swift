import Foundation
import GANKit
import Testing

/// The built `gankit` binary, stopped by SIGTERM mid-run, finishes its iteration, writes a
/// checkpoint and exits with status 143.
@Suite struct StopSignalTests {
    /// `gankit` next to the test bundle, where `swift build` puts every product.
    static let binary = BuiltProduct.url(named: "gankit")

    @Test(.enabled(if: binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func sigtermAfterTheFirstIterationCheckpointsAndExitsWith143() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-signal-\(UUID().uuidString)")
        let process = Process()
        let binary: URL = try #require(Self.binary)
        process.executableURL = binary
        process.arguments = ["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "100000",
                             "--progress-every", "1", "--sample-every", "100000", "--checkpoint-every", "100000",
                             "--output", output.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        // Never hang the suite: the process is killed outright after two minutes.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { kill(pid, SIGKILL) } }

        var text = ""
        while !text.contains("it 1/") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.contains("it 1/"), "no progress line: \(text)")
        process.terminate()  // SIGTERM
        text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 143, "\(text)")
        let latest = try #require(Checkpoint.latest(in: output), "\(text)")
        #expect(text.contains("stopped by SIGTERM; checkpoint: \(latest.path)"))
        #expect(try RunLock(directory: output).isHeld)  // the folder is free again
    }
}
