import Foundation
import GANMetrics
import Testing

/// The ZIP reader on an archive Python's zipfile wrote (stored and deflated entries), and on
/// truncated or corrupt archives, which are errors naming the file and never crashes.
@Suite struct ZipArchiveTests {
    @Test func readsStoredAndDeflatedEntriesAsPythonWroteThem() throws {
        let archive = try ZipArchive(contentsOf: Fixture.url("stored_and_deflated.zip"))
        #expect(archive.entries.map(\.name) == ["hello.txt", "numbers.bin", "empty.txt", "empty_deflated.txt", "dir/n\u{e4}sted.txt"])
        #expect(archive.entries.map(\.method) == [0, 8, 0, 8, 8])
        #expect(try archive.contents(of: "hello.txt") == Data("hello, zip\n".utf8))
        #expect(try archive.contents(of: "numbers.bin") == Data((0..<40).flatMap { _ in (0...255).map(UInt8.init) }))
        #expect(try archive.contents(of: "empty.txt") == Data())
        #expect(try archive.contents(of: "empty_deflated.txt") == Data())
        #expect(try archive.contents(of: "dir/n\u{e4}sted.txt") == Data(String(repeating: "deflated and nested\n", count: 3).utf8))
        let numbers = try #require(archive.entry(named: "numbers.bin"))
        #expect(numbers.size == 10240 && numbers.compressedSize < numbers.size)
    }

    @Test func aMissingEntryIsAnErrorNamingItAndTheArchive() throws {
        let url = try Fixture.url("stored_and_deflated.zip")
        #expect(throws: GANMetricsError.corruptZip(path: url.path, reason: "it has no entry 'absent.txt'")) {
            try ZipArchive(contentsOf: url).contents(of: "absent.txt")
        }
    }

    /// Every cut of the archive is an error (no end record, a directory beyond the end, or an
    /// entry beyond the end), never a crash.
    @Test func everyTruncationIsAnErrorNamingTheFile() throws {
        let whole = try Fixture.data("stored_and_deflated.zip")
        for length in 0..<whole.count {
            do {
                let archive = try ZipArchive(data: whole.prefix(length), path: "cut.zip")
                for entry in archive.entries { _ = try archive.contents(of: entry) }
                Issue.record("a cut to \(length) of \(whole.count) bytes was read without an error")
            } catch {
                guard case .corruptZip(let path, _) = error else { Issue.record("\(error)"); continue }
                #expect(path == "cut.zip")
            }
        }
    }

    @Test func aFlippedByteInADeflatedEntryIsAnErrorNamingTheEntry() throws {
        var bytes = try Fixture.data("stored_and_deflated.zip")
        let archive = try ZipArchive(data: bytes, path: "flipped.zip")
        let numbers = try #require(archive.entry(named: "numbers.bin"))
        // The entry's data follows its local header (30 bytes + name); flip a byte in the middle.
        let start = try #require(bytes.range(of: Data("numbers.bin".utf8))).upperBound
        bytes[start + numbers.compressedSize / 2] ^= 0x55
        #expect {
            try ZipArchive(data: bytes, path: "flipped.zip").contents(of: "numbers.bin")
        } throws: { error in
            guard case .corruptZip(let path, let reason) = error as? GANMetricsError else { return false }
            return path == "flipped.zip" && reason.contains("entry 'numbers.bin'")
        }
    }

    @Test func aFileThatIsNotAZipIsAnError() {
        #expect(throws: GANMetricsError.corruptZip(path: "notes.txt", reason: "no end-of-central-directory record (not a ZIP file, or truncated)")) {
            try ZipArchive(data: Data("just some notes\n".utf8), path: "notes.txt")
        }
    }
}
