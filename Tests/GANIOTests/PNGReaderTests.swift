import Foundation
import GANIO
import Testing

/// Decoding hand-made PNGs of every colour type and bit depth into 8-bit samples.
@Suite struct PNGReaderTests {
    /// A hand-made PNG and the samples libpng must give for it.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let png: Data
        let channels: Int
        let pixels: [UInt8]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "gray 8-bit", png: PNGByteStream.png(width: 3, colorType: .gray, bitDepth: 8, rows: [[0, 200, 255]]),
             channels: 1, pixels: [0, 200, 255]),
        Case(name: "gray 1-bit", png: PNGByteStream.png(width: 10, colorType: .gray, bitDepth: 1, rows: [[0b1011_0011, 0b1000_0000]]),
             channels: 1, pixels: [255, 0, 255, 255, 0, 0, 255, 255, 255, 0]),
        Case(name: "gray 8-bit with tRNS", png: PNGByteStream.png(width: 2, colorType: .gray, bitDepth: 8, rows: [[0, 200]],
                                                                   transparency: [0, 200]),
             channels: 2, pixels: [0, 255, 200, 0]),
        Case(name: "gray+alpha 8-bit", png: PNGByteStream.png(width: 3, colorType: .grayAlpha, bitDepth: 8, rows: [[100, 255, 100, 0, 100, 128]]),
             channels: 2, pixels: [100, 255, 100, 0, 100, 128]),
        Case(name: "RGB 8-bit, two rows", png: PNGByteStream.png(width: 2, colorType: .rgb, bitDepth: 8, rows: [[10, 20, 30, 255, 0, 0], [0, 255, 0, 1, 2, 3]]),
             channels: 3, pixels: [10, 20, 30, 255, 0, 0, 0, 255, 0, 1, 2, 3]),
        Case(name: "RGBA 8-bit", png: PNGByteStream.png(width: 2, colorType: .rgba, bitDepth: 8, rows: [[200, 100, 0, 64, 1, 2, 3, 255]]),
             channels: 4, pixels: [200, 100, 0, 64, 1, 2, 3, 255]),
        Case(name: "palette 8-bit", png: PNGByteStream.png(width: 3, colorType: .palette, bitDepth: 8, rows: [[2, 0, 1]],
                                                           palette: [255, 0, 0, 0, 0, 255, 0, 255, 0]),
             channels: 3, pixels: [0, 255, 0, 255, 0, 0, 0, 0, 255]),
        // Indices 0 1 2 1 packed in two bits each; entry 0 transparent, 1 half, 2 opaque (no tRNS entry).
        Case(name: "palette 2-bit with tRNS", png: PNGByteStream.png(width: 4, colorType: .palette, bitDepth: 2, rows: [[0b00_01_10_01]],
                                                                     palette: [255, 0, 0, 0, 0, 255, 0, 255, 0], transparency: [0, 128]),
             channels: 4, pixels: [255, 0, 0, 0, 0, 0, 255, 128, 0, 255, 0, 255, 0, 0, 255, 128]),
        // 16-bit samples v reduce to round(v / 257): 0x8080 → 128, 0x1234 = 4660 → 18.
        Case(name: "gray 16-bit", png: PNGByteStream.png(width: 4, colorType: .gray, bitDepth: 16, rows: [PNGByteStream.samples16([0, 0xFFFF, 0x8080, 0x1234])]),
             channels: 1, pixels: [0, 255, 128, 18]),
        Case(name: "gray+alpha 16-bit", png: PNGByteStream.png(width: 2, colorType: .grayAlpha, bitDepth: 16,
                                                               rows: [PNGByteStream.samples16([0x1234, 0xFFFF, 0x1234, 0x8000])]),
             channels: 2, pixels: [18, 255, 18, 128]),
        Case(name: "RGBA 16-bit", png: PNGByteStream.png(width: 3, colorType: .rgba, bitDepth: 16, rows: [PNGByteStream.samples16([
            0x1234, 0x8080, 0xFFFF, 0xFFFF, 0x1234, 0x8080, 0xFFFF, 0x8000, 0x1234, 0x8080, 0xFFFF, 0x0000])]),
             channels: 4, pixels: [18, 128, 255, 255, 18, 128, 255, 128, 18, 128, 255, 0]),
        Case(name: "RGB 16-bit", png: PNGByteStream.png(width: 1, colorType: .rgb, bitDepth: 16, rows: [PNGByteStream.samples16([0x0101, 0xFEFE, 0x7F00])]),
             channels: 3, pixels: [1, 254, 127]),   // 0x7F00 / 257 = 126.51 rounds to 127
    ]

    @Test(arguments: cases)
    func decodesToTheExpectedEightBitSamples(_ c: Case) throws {
        let image = try PNGImage(pngData: c.png, name: c.name)
        #expect(image.channels == c.channels)
        #expect(image.width * image.height * image.channels == c.pixels.count)
        #expect(image.pixels == c.pixels)
    }

    @Test func readsTheSameFromAFileAsFromMemory() throws {
        try TemporaryFolder.with { folder in
            let c = Self.cases[7]
            let path = try folder.write(c.png, to: "palette.png")
            #expect(try PNGImage(contentsOfFile: path) == PNGImage(pngData: c.png, name: "palette"))
        }
    }

    @Test func handMadeStreamCarriesTheCRCOfTheSpecificationExample() {
        // CRC-32 of "IEND" with no data is the constant every PNG ends with.
        #expect(PNGByteStream.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }
}
