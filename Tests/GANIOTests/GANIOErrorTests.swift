import Foundation
import GANIO
import GANTestSupport
import Testing

/// Every bad input gives a `GANIOError` naming the file at fault, never a crash.
@Suite struct GANIOErrorTests {
    /// Checks that `body` throws a GANIOError satisfying `match` whose description names `path`.
    static func expectError(naming path: String, _ body: () throws -> Void, match: (GANIOError) -> Bool) {
        do {
            try body()
            Issue.record("no error thrown for \(path)")
        } catch let error as GANIOError {
            #expect(match(error), "unexpected error \(error)")
            #expect(error.description.contains(path), "\(error) does not name \(path)")
        } catch {
            Issue.record("\(error) is not a GANIOError")
        }
    }

    @Test func missingFolder() {
        let path = "/nonexistent-ganio/emoji"
        Self.expectError(naming: path, { _ = try ImageFolder(path, resolution: 8) }) { $0 == .missingFolder(path: path) }
    }

    @Test func aFileInsteadOfAFolderCountsAsMissing() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write(ImageFolderTests.grayPNG(1), to: "one.png")
            Self.expectError(naming: file, { _ = try ImageFolder(file, resolution: 8) }) { $0 == .missingFolder(path: file) }
        }
    }

    @Test func folderWithoutImages() throws {
        try TemporaryFolder.with { folder in
            try folder.write(Data("hello".utf8), to: "readme.txt")
            Self.expectError(naming: folder.path, { _ = try ImageFolder(folder.path, resolution: 8) }) {
                $0 == .noImages(folder: folder.path)
            }
        }
    }

    @Test func textFileNamedPNG() throws {
        try TemporaryFolder.with { folder in
            try folder.write(ImageFolderTests.grayPNG(1), to: "a.png")
            let bad = try folder.write(Data("just some notes\n".utf8), to: "b.png")
            Self.expectError(naming: bad, { _ = try ImageFolder(folder.path, resolution: 4) }) { $0 == .notAPNG(path: bad) }
        }
    }

    @Test func emptyFileNamedPNG() throws {
        try TemporaryFolder.with { folder in
            let bad = try folder.write(Data(), to: "empty.png")
            Self.expectError(naming: bad, { _ = try PNGImage(contentsOfFile: bad) }) { $0 == .notAPNG(path: bad) }
        }
    }

    @Test(arguments: [8 + 25 + 10, 60])
    func truncatedPNGReportsLibpngsMessage(keptBytes: Int) throws {
        try TemporaryFolder.with { folder in
            let whole = try PNGImage(width: 16, height: 16, channels: 3, pixels: (0..<768).map { UInt8($0 % 251) }).pngData()
            #expect(keptBytes < whole.count)
            let bad = try folder.write(whole.prefix(keptBytes), to: "cut.png")
            Self.expectError(naming: bad, { _ = try PNGImage(contentsOfFile: bad) }) {
                guard case .corruptPNG(let p, let message) = $0 else { return false }
                return p == bad && !message.isEmpty
            }
        }
    }

    @Test func corruptedChunkReportsLibpngsMessage() throws {
        try TemporaryFolder.with { folder in
            var bytes = [UInt8](PNGByteStream.png(width: 2, colorType: .gray, bitDepth: 8, rows: [[1, 2], [3, 4]]))
            bytes[20] ^= 0xFF   // inside IHDR: its CRC no longer matches
            let bad = try folder.write(Data(bytes), to: "flipped.png")
            Self.expectError(naming: bad, { _ = try PNGImage(contentsOfFile: bad) }) {
                guard case .corruptPNG(_, let message) = $0 else { return false }
                return message.lowercased().contains("crc")
            }
        }
    }

    @Test func headerAnnouncingAHugeImageIsRefusedBeforeAllocating() throws {
        try TemporaryFolder.with { folder in
            let side = PNGByteStream.bigEndian(100_000)
            var png = Data([137, 80, 78, 71, 13, 10, 26, 10])
            png += PNGByteStream.chunk("IHDR", side + side + [8, 6, 0, 0, 0])
            png += PNGByteStream.chunk("IDAT", PNGByteStream.zlibStored([0]))   // far too little data
            png += PNGByteStream.chunk("IEND", [])
            let bad = try folder.write(png, to: "huge.png")
            Self.expectError(naming: bad, { _ = try PNGImage(contentsOfFile: bad) }) {
                $0 == .imageTooLarge(path: bad, width: 100_000, height: 100_000)
            }
        }
    }

    @Test func missingPNGFile() {
        let path = "/nonexistent-ganio/a.png"
        Self.expectError(naming: path, { _ = try PNGImage(contentsOfFile: path) }) {
            if case .unreadableFile(let p, _) = $0 { return p == path }
            return false
        }
    }

    @Test func missingIDXFile() {
        let path = "/nonexistent-ganio/train-images-idx3-ubyte.gz"
        Self.expectError(naming: path, { _ = try IDXDataset(images: path, resolution: 28) }) {
            if case .unreadableIDX(let p, _) = $0 { return p == path }
            return false
        }
    }

    @Test func truncatedIDXFile() throws {
        try TemporaryFolder.with { folder in
            let whole = IDXBytes.images([[1, 2, 3, 4], [5, 6, 7, 8]], side: 2)
            let bad = try folder.write(whole.prefix(whole.count - 1), to: "short-idx3-ubyte")
            Self.expectError(naming: bad, { _ = try IDXDataset(images: bad, resolution: 2) }) {
                if case .unreadableIDX(let p, _) = $0 { return p == bad }
                return false
            }
        }
    }

    @Test func truncatedGzipIDXFile() throws {
        try TemporaryFolder.with { folder in
            let whole = IDXBytes.gzip(IDXBytes.images([[1, 2, 3, 4], [5, 6, 7, 8]], side: 2))
            let bad = try folder.write(whole.prefix(whole.count - 12), to: "short-idx3-ubyte.gz")
            Self.expectError(naming: bad, { _ = try IDXDataset(images: bad, resolution: 2) }) {
                if case .unreadableIDX(let p, _) = $0 { return p == bad }
                return false
            }
        }
    }

    @Test func idxImagesOfZeroSize() throws {
        try TemporaryFolder.with { folder in
            let bad = try folder.write(IDXBytes.images([[], []], side: 0), to: "empty-idx3-ubyte")
            Self.expectError(naming: bad, { _ = try IDXDataset(images: bad, resolution: 2) }) {
                if case .unreadableIDX(let p, _) = $0 { return p == bad }
                return false
            }
        }
    }

    @Test func labelFileGivenAsImages() throws {
        try TemporaryFolder.with { folder in
            let labels = try folder.write(IDXBytes.labels([0, 1]), to: "labels-idx1-ubyte")
            Self.expectError(naming: labels, { _ = try IDXDataset(images: labels, resolution: 2) }) {
                $0 == .wrongIDXMagic(path: labels, found: 0x0801, expected: 0x0803)
            }
        }
    }

    @Test func classOutOfRange() throws {
        try TemporaryFolder.with { folder in
            let images = try folder.write(IDXBytes.images([[1, 2, 3, 4], [5, 6, 7, 8]], side: 2), to: "images-idx3-ubyte")
            let labels = try folder.write(IDXBytes.labels([0, 2]), to: "labels-idx1-ubyte")
            Self.expectError(naming: labels, { _ = try IDXDataset(images: images, labels: labels, classes: [1, 3], resolution: 2) }) {
                $0 == .classOutOfRange(path: labels, requested: 3, available: 0..<3)
            }
        }
    }

    @Test func imageAndLabelCountsDisagree() throws {
        try TemporaryFolder.with { folder in
            let images = try folder.write(IDXBytes.images([[1, 2, 3, 4], [5, 6, 7, 8]], side: 2), to: "images-idx3-ubyte")
            let labels = try folder.write(IDXBytes.labels([0, 1, 2]), to: "labels-idx1-ubyte")
            Self.expectError(naming: labels, { _ = try IDXDataset(images: images, labels: labels, resolution: 2) }) {
                $0 == .idxCountMismatch(images: images, imageCount: 2, labels: labels, labelCount: 3)
            }
        }
    }

    /// A run directory that cannot be created (a file is in the way) makes every observer fail
    /// with `writeFailed` naming the path.
    @Test(arguments: ["samples", "charts", "checkpoints"])
    func observerWritingUnderAFileIsAWriteFailure(kind: String) throws {
        try TemporaryFolder.with { folder in
            let blocker = try folder.write(Data("in the way".utf8), to: "run")
            let run = URL(fileURLWithPath: blocker).appendingPathComponent("inner")
            let pipeline = try Toy.builder().build()
            Self.expectError(naming: run.path, {
                switch kind {
                case "samples": try SampleGridWriter(directory: run, every: 1).write(pipeline)
                case "charts": try LossChart(directory: run, every: 1).write()
                default: try Checkpointer(directory: run, every: 1).save(pipeline)
                }
            }) { error in
                guard case .writeFailed(let path, _) = error else { return false }
                return path.hasPrefix(run.path)
            }
        }
    }
}
