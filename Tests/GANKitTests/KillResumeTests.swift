#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GANKit
import Testing

/// The built `gankit` binary, killed with SIGKILL at random points — right after it starts,
/// after random iterations, and as it writes a checkpoint — and resumed each time, also from the
/// leftovers of a checkpoint write cut at a random byte, ends with the same `stats.jsonl` and
/// bit-identical final checkpoint tensors as an uninterrupted run.
@Suite struct KillResumeTests {
    /// The tiny run both trainings use: a checkpoint every 2 of 16 iterations, width 32 so that
    /// a checkpoint write (about 7 MB, CRC-32s and fsyncs) lasts a few milliseconds.
    static func arguments(data: URL, output: URL) -> [String] {
        ["train", "--data", data.path, "--width", "32", "--batch-size", "4", "--iterations", "\(iterations)", "--seed", "5",
         "--progress-every", "1", "--sample-every", "1000", "--checkpoint-every", "2", "--output", output.path]
    }

    /// A `gankit` process whose standard output is read as it arrives.
    final class Run {
        let process = Process()
        private let output = Pipe()
        private(set) var text = ""

        init(_ arguments: [String]) throws {
            let binary: URL = try #require(StopSignalTests.binary)
            process.executableURL = binary
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // Never hang the suite: the process is killed outright after two minutes.
            let (child, pid) = (process, process.processIdentifier)
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if child.isRunning { kill(pid, SIGKILL) } }
        }

        /// Reads output until it contains `marker` or ends; true if the marker arrived.
        func wait(for marker: String) -> Bool {
            while !text.contains(marker) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return false }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return true
        }

        /// SIGKILL, then waits for the process to end; true if the kill ended it.
        func kill9() -> Bool {
            kill(process.processIdentifier, SIGKILL)
            text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return ended() && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        }

        /// Waits for the process to end by itself with status 0.
        func finish() -> Bool {
            text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return ended() && process.terminationReason == .exit && process.terminationStatus == 0
        }

        /// Waits up to 60 s for `Process` to learn that the child ended, instead of
        /// `waitUntilExit()`, which never returns if another reaper (such as swift-testing's
        /// exit-test monitor, which waits for any child) collects the child first.
        private func ended() -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { usleep(2_000) }
            if process.isRunning { text += "\n[the test never learnt that process \(process.processIdentifier) ended]" }
            return !process.isRunning
        }
    }

    /// The unfinished checkpoint folders (`iter-<n>.tmp-<pid>`) in a run's checkpoints folder.
    static func unfinishedWrites(in run: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("checkpoints").path)) ?? []
        return names.filter { $0.contains(".tmp-") }
    }

    /// Waits, through inotify, until an entry whose name contains `.tmp-` (a checkpoint being
    /// written) is created in `folder` while `process` runs; false after `timeout` seconds or
    /// when the process ends first. Polling the folder misses writes of a few milliseconds.
    static func awaitUnfinishedWrite(in folder: URL, of process: Process, timeout: TimeInterval) -> Bool {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK))
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard inotify_add_watch(fd, folder.path, UInt32(IN_CREATE)) >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 20) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then len name bytes.
            var offset = 0
            while count > 0 && offset + 16 <= count {
                let length = buffer[(offset + 12)..<(offset + 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
                let name = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                if String(decoding: name, as: UTF8.self).contains(".tmp-") { return true }
                offset += 16 + length
            }
        }
        #endif
        return false
    }

    /// The iteration of the run's latest complete checkpoint (0 when there is none).
    static func checkpointed(_ run: URL) -> Int {
        Checkpoint.complete(in: run).last?.iteration ?? 0
    }

    static let iterations = 16

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"),
          .timeLimit(.minutes(3)))
    func killedAtRandomPointsAndResumedTheRunIsBitIdentical() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let whole = base.appendingPathComponent("whole"), killed = base.appendingPathComponent("killed")

        let reference = try Run(Self.arguments(data: data, output: whole))
        #expect(reference.finish(), "\(reference.text)")

        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var rng = RandomSource(seed: seed)
        let why = "kill points drawn with seed \(seed)"
        var log: [String] = []

        // 1. A fresh run killed after a random iteration past the first checkpoint.
        var kills = 0
        let first = 3 + Int(rng.next() % 4)
        let start = try Run(Self.arguments(data: data, output: killed))
        #expect(start.wait(for: "it \(first)/\(Self.iterations)"), "\(why): \(start.text)")
        #expect(start.kill9(), "\(why)")
        kills += 1
        log.append("after iteration \(first)")

        let resume = ["train", "--resume", killed.path]
        // 2. Killed while restoring its checkpoint: within 20 ms of saying it resumes.
        let early = try Run(resume)
        #expect(early.wait(for: "resuming from"), "\(why): \(early.text)")
        usleep(UInt32(rng.next() % 20_000))
        #expect(early.kill9(), "\(why)")
        kills += 1
        log.append("at start")

        // 3. Killed while writing a checkpoint: inotify reports the unfinished `.tmp-` folder
        // and the kill follows at once, the writer at the lowest priority so that the kill
        // tends to land before the write ends. Whether it does depends on the scheduler (a
        // quiet machine finishes a write of a few milliseconds first), so step 4 leaves the
        // states a cut write leaves behind without relying on it.
        let checkpoints = killed.appendingPathComponent(Checkpoint.folderName)
        let writer = try Run(resume)
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(writer.process.processIdentifier), 19)
        #expect(Self.awaitUnfinishedWrite(in: checkpoints, of: writer.process, timeout: 60), "\(why): \(writer.text)")
        #expect(writer.kill9(), "\(why): \(writer.text)")
        kills += 1
        log.append("during a checkpoint write (\(Self.unfinishedWrites(in: killed).isEmpty ? "finished first" : "cut"))")

        // 4. The two states a kill inside `TensorArchive.write` leaves, made on disk from the
        // latest complete checkpoint: the next checkpoint cut at a random byte of its blob
        // before its manifest was written, and the latest one moved aside as `.old-` with its
        // replacement complete but not yet renamed into place. Resuming must ignore the first,
        // put the second back, and go on from the latest checkpoint.
        let latest = try #require(Checkpoint.complete(in: killed).last)
        let pid = writer.process.processIdentifier
        let cut = checkpoints.appendingPathComponent("\(Checkpoint.directoryName(iteration: latest.iteration + 2)).tmp-\(pid)")
        if !FileManager.default.fileExists(atPath: cut.path) {  // else step 3 cut this very write
            try FileManager.default.copyItem(at: latest.url, to: cut)
            try FileManager.default.removeItem(at: cut.appendingPathComponent(TensorArchive.manifestName))
            let blob = try FileHandle(forWritingTo: cut.appendingPathComponent(TensorArchive.blobName))
            let size = try blob.seekToEnd()
            try blob.truncate(atOffset: rng.next() % size)
            try blob.close()
        }
        let name = latest.url.lastPathComponent
        try FileManager.default.copyItem(at: latest.url, to: checkpoints.appendingPathComponent("\(name).tmp-\(pid)"))
        try FileManager.default.moveItem(at: latest.url, to: checkpoints.appendingPathComponent("\(name).old-\(pid)"))
        log.append("cut write of iteration \(latest.iteration + 2) and an unfinished replacement of \(latest.iteration)")
        let restarted = try Run(resume)
        #expect(restarted.wait(for: "resuming from \(latest.url.path)\n"), "the moved-aside checkpoint is back; \(why): \(restarted.text)")
        #expect(restarted.wait(for: "it \(latest.iteration + 1)/\(Self.iterations)"), "\(why): \(restarted.text)")
        #expect(restarted.kill9(), "\(why)")
        kills += 1
        log.append("after iteration \(latest.iteration + 1)")

        // 5. Killed twice more, each time after a random iteration past its checkpoint.
        for _ in 0..<2 where Self.checkpointed(killed) < Self.iterations - 1 {
            let reached = Self.checkpointed(killed), last = Self.iterations - 1
            let target = reached + 1 + Int(rng.next() % UInt64(last - reached))
            let late = try Run(resume)
            #expect(late.wait(for: "it \(target)/\(Self.iterations)"), "\(why): \(late.text)")
            #expect(late.kill9(), "\(why)")
            kills += 1
            log.append("after iteration \(target)")
        }

        // 6. Resumed to the end: the tidy-up removed the leftovers, and everything matches.
        let last = try Run(resume)
        #expect(last.finish(), "\(why): \(last.text)")
        #expect(Self.unfinishedWrites(in: killed).isEmpty, "\(why)")
        #expect(kills >= 5, "\(why): \(log)")

        let expected = try StatsLog.read(whole.appendingPathComponent("stats.jsonl")).map(\.withoutTiming)
        let got = try StatsLog.read(killed.appendingPathComponent("stats.jsonl")).map(\.withoutTiming)
        #expect(expected.count == Self.iterations)
        #expect(got == expected, "stats differ after kills \(log); \(why)")

        let a = try Checkpoint.load(from: try #require(Checkpoint.latest(in: whole)))
        let b = try Checkpoint.load(from: try #require(Checkpoint.latest(in: killed)))
        #expect(a.metadata == b.metadata, "\(why)")
        #expect(a.metadata.iteration == Self.iterations)
        #expect(a.tensors.keys.sorted() == b.tensors.keys.sorted(), "\(why)")
        for (name, tensor) in a.tensors {
            #expect(tensor.shape == b.tensors[name]?.shape && tensor.scalars.map(\.bitPattern) == b.tensors[name]?.scalars.map(\.bitPattern),
                    "tensor \(name) differs after kills \(log); \(why)")
        }
    }
}
