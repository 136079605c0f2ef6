import Foundation
import GANIO
import Testing

/// One owner per run folder: the lock is exclusive, names its holder, and frees the folder when
/// released.
@Suite struct RunLockTests {
    @Test func aSecondLockOnAHeldFolderFailsNamingTheFolderAndThePid() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path).appendingPathComponent("run")
            let first = try RunLock(directory: run)
            #expect(first.isHeld)
            #expect(try String(contentsOf: first.file, encoding: .utf8) == "\(getpid())\n")
            // flock belongs to the open file description, so a second open in this process conflicts.
            #expect {
                _ = try RunLock(directory: run)
            } throws: { error in
                guard case .runInUse(let path, let pid) = error as? GANIOError, path == run.path, pid == getpid() else { return false }
                let text = String(describing: error)
                return text.contains(run.path) && text.contains("process \(getpid())")
            }
            first.release()
            #expect(!first.isHeld)
            let second = try RunLock(directory: run)
            #expect(second.isHeld)
        }
    }

    @Test func aLockIsFreedWhenItsValueGoesAway() throws {
        try TemporaryFolder.with { folder in
            do { _ = try RunLock(folder.path) }
            #expect(try RunLock(folder.path).isHeld)
        }
    }
}
