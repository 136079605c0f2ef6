import Foundation
import GANIO
import GANCore
import Testing

/// Conversion of 8-bit images to [-1, 1] tensors (alpha on white, gray ↔ RGB) and back.
@Suite struct PNGImageTensorTests {
    /// Sample value s in 0…255 as a tensor value.
    static func unit(_ s: Float) -> Float { s / 127.5 - 1 }

    @Test func alphaIsCompositedOnWhiteInEightBitValues() throws {
        let ga = PNGImage(width: 3, height: 1, channels: 2, pixels: [100, 255, 100, 0, 100, 128])
        let t = ga.tensor(channels: 1)
        #expect(t.shape == [1, 1, 3])
        #expect(t[0, 0, 0] == Self.unit(100))        // opaque keeps its value
        #expect(t[0, 0, 1] == 1)                      // transparent is white
        let half = (100 * 128 + 255 * 127) / 255 as Float   // c·α + 255·(1 − α), α = 128/255
        #expect(abs(t[0, 0, 2] - Self.unit(half)) < 1e-6)
    }

    @Test func rgbaCompositesEachChannel() {
        let rgba = PNGImage(width: 1, height: 1, channels: 4, pixels: [200, 100, 0, 64])
        let t = rgba.tensor(channels: 3)
        let alpha: Float = 64 / 255
        for (c, value) in [Float(200), 100, 0].enumerated() {
            #expect(abs(t[c, 0, 0] - Self.unit(value * alpha + 255 * (1 - alpha))) < 1e-6)
        }
    }

    @Test func rgbBecomesGrayByBT601Luma() {
        let rgb = PNGImage(width: 3, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 10, 20, 30])
        let t = rgb.tensor(channels: 1)
        #expect(abs(t[0, 0, 0] - Self.unit(0.299 * 255)) < 1e-6)
        #expect(abs(t[0, 0, 1] - Self.unit(0.587 * 255)) < 1e-6)
        #expect(abs(t[0, 0, 2] - Self.unit(0.299 * 10 + 0.587 * 20 + 0.114 * 30)) < 1e-6)
    }

    @Test func grayIsReplicatedToRGB() {
        let gray = PNGImage(width: 2, height: 2, channels: 1, pixels: [0, 64, 128, 255])
        let t = gray.tensor(channels: 3)
        #expect(t.shape == [3, 2, 2])
        for c in 0..<3 {
            #expect(Array(t.scalars[(c * 4)..<(c * 4 + 4)]) == [-1, Self.unit(64), Self.unit(128), 1])
        }
    }

    @Test func transparentPaletteEntryReadsAsWhite() throws {
        let png = PNGByteStream.png(width: 2, colorType: .palette, bitDepth: 8, rows: [[0, 1]],
                                    palette: [255, 0, 0, 0, 0, 255], transparency: [0])
        let t = try PNGImage(pngData: png, name: "palette").tensor(channels: 3)
        #expect(t.scalars == [1, -1, 1, -1, 1, 1])   // R plane, G plane, B plane of (white, blue)
    }

    @Test func tensorOfExactLevelsRoundTripsThroughEightBits() {
        let levels = (0..<24).map { Self.unit(Float(($0 * 37) % 256)) }
        let image = PNGImage(tensor: Tensor(shape: [3, 2, 4], values: levels))
        #expect(image.channels == 3 && image.width == 4 && image.height == 2)
        let restored = image.tensor(channels: 3)
        for (a, b) in zip(restored.scalars, levels) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func arbitraryValuesAreQuantisedToTheNearestLevelAndClamped() {
        let values: [Float] = [-3, -1, -0.5, 0, 0.3, 1, 2, .nan]
        let image = PNGImage(tensor: Tensor(shape: [1, 1, 8], values: values))
        #expect(image.pixels == [0, 0, 64, 128, 166, 255, 255, 0])   // round((v + 1) · 127.5), ties away from 0; NaN → 0
    }

    @Test func hwcLayoutMatchesChwOfThePermutedTensor() {
        var rng = RandomSource(seed: 7)
        let chw = Tensor.uniform([3, 5, 4], low: -1, high: 1, using: &rng)
        let hwc = chw.permuted([1, 2, 0])
        #expect(PNGImage(tensor: hwc, layout: .hwc) == PNGImage(tensor: chw, layout: .chw))
    }
}
