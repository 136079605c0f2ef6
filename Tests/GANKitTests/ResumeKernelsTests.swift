import Foundation
import GANKit
import Testing

/// Checkpoints record the OpenBLAS kernel set that computed them, and a resume by a process with
/// another set says so (the run continues, but not bit for bit as without the interruption).
@Suite struct ResumeKernelsTests {
    @Test func theNoticeNamesBothSetsAndTheVariableOnlyWhenTheyDiffer() throws {
        let checkpoint = URL(fileURLWithPath: "/runs/r/checkpoints/iter-000500")
        #expect(Checkpoint.kernelsNotice(checkpoint: checkpoint, written: "skylakex", current: "skylakex") == nil)
        #expect(Checkpoint.kernelsNotice(checkpoint: checkpoint, written: nil, current: "skylakex") == nil)
        let notice = try #require(Checkpoint.kernelsNotice(checkpoint: checkpoint, written: "skylakex", current: "cooperlake"))
        #expect(notice.contains(checkpoint.path) && notice.contains("skylakex kernels and this process has cooperlake"))
        #expect(notice.contains("OPENBLAS_CORETYPE=SKYLAKEX"))
    }

    /// A run's checkpoint holds this process's kernel set; `gankit train --resume --dry-run` of it
    /// prints no note, and prints one naming the set after the manifest is edited to another.
    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"),
          .timeLimit(.minutes(2)))
    func aResumeWithOtherKernelsThanTheCheckpointsSaysSo() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-kernels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: run) }
        let train = try KillResumeTests.Run(["train", "--data", data.path, "--width", "8", "--batch-size", "4", "--iterations", "2",
                                             "--checkpoint-every", "2", "--sample-every", "1000", "--output", run.path])
        #expect(train.finish(), "\(train.text)")
        let checkpoint = try #require(Checkpoint.latest(in: run))
        let current = try Checkpoint.load(from: checkpoint).metadata.kernels
        #expect(current == OpenBLASKernels.coreName)

        let same = try KillResumeTests.Run(["train", "--resume", run.path, "--iterations", "4", "--dry-run"])
        #expect(same.finish(), "\(same.text)")
        #expect(!same.text.contains("note:"), "\(same.text)")

        let manifest = checkpoint.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let other = current == "prescott" ? "haswell" : "prescott"
        #expect(text.contains("\"kernels\" : \"\(current ?? "")\""))
        try text.replacingOccurrences(of: "\"kernels\" : \"\(current ?? "")\"", with: "\"kernels\" : \"\(other)\"")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let moved = try KillResumeTests.Run(["train", "--resume", run.path, "--iterations", "4", "--dry-run"])
        #expect(moved.finish(), "\(moved.text)")
        #expect(moved.text.contains("note: \(checkpoint.path) was written with OpenBLAS's \(other) kernels"), "\(moved.text)")
        #expect(moved.text.contains("OPENBLAS_CORETYPE=\(other.uppercased())"), "\(moved.text)")
    }
}
