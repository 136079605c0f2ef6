import Foundation
import GANIO
import GANCore
import Testing

/// Encoding with libpng and reading back.
@Suite struct PNGWriterTests {
    @Test(arguments: 1...4)
    func encodedImageDecodesToTheSameSamples(channels: Int) throws {
        var rng = RandomSource(seed: UInt64(channels))
        let (w, h) = (7, 5)
        let pixels = (0..<(w * h * channels)).map { _ in UInt8(rng.integer(in: 0..<256)) }
        let image = PNGImage(width: w, height: h, channels: channels, pixels: pixels)
        let data = try image.pngData()
        #expect(try PNGImage(pngData: data, name: "round trip") == image)
    }

    @Test func tensorWrittenToAFileReadsBackWithinHalfALevel() throws {
        try TemporaryFolder.with { folder in
            let path = try folder.file("sample.png")
            var rng = RandomSource(seed: 11)
            let t = Tensor.uniform([3, 6, 9], low: -1, high: 1, using: &rng)
            try PNGImage(tensor: t).write(toFile: path)
            let back = try PNGImage(contentsOfFile: path).tensor(channels: 3)
            #expect(back.shape == [3, 6, 9])
            for (a, b) in zip(back.scalars, t.scalars) { #expect(abs(a - b) <= 0.5 / 127.5 + 1e-6) }
        }
    }

    @Test func writingIntoAMissingFolderNamesThePath() throws {
        let path = "/nonexistent-ganio-folder/out.png"
        let image = PNGImage(width: 1, height: 1, channels: 1, pixels: [0])
        #expect {
            try image.write(toFile: path)
        } throws: { error in
            // A file-system failure, not libpng's: one plain sentence with the system's reason.
            guard case .writeFailed(let p, let reason) = error as? GANIOError else { return false }
            return p == path && "\(error)" == "cannot write \(path): No such file or directory" && reason == "No such file or directory"
        }
    }
}
