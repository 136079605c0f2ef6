import Foundation
import GANKit
import Testing

/// `gankit`'s lines reach a pipe or log file when they are printed, not when the process ends
/// or a buffer fills: `gankit train > log` shows its header while the run goes on.
@Suite struct LineBufferedOutputTests {
    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func theHeaderArrivesWhileTheRunGoesOn() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = GankitProcess.temporary("line-buffered")
        defer { try? FileManager.default.removeItem(at: output) }
        // No progress line for 100000 iterations: nothing flushes the header but the line buffering.
        let run = try KillResumeTests.Run(["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "100000",
                                           "--progress-every", "100000", "--sample-every", "100000", "--checkpoint-every", "100000",
                                           "--output", output.path])
        #expect(run.wait(for: "training 0 → 100000 iterations"), "\(run.text)")
        #expect(run.process.isRunning, "the header came only when the process ended")
        #expect(run.kill9())
    }
}
