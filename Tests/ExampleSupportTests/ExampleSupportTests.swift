import ExampleSupport
import Foundation
import GANKit
import Testing

/// The examples' toy data, mode-coverage measure and raster plots.
@Suite struct ExampleSupportTests {
    @Test func ringCentresAreEvenlySpacedOnTheCircle() {
        let ring = GaussianRing()
        for k in 0..<8 {
            let c = ring.centre(k), angle = Float.pi / 4 * Float(k)
            #expect(abs(c.x - 2 * cos(angle)) < 1e-6 && abs(c.y - 2 * sin(angle)) < 1e-6)
        }
    }

    @Test func samplesArePointsNearTheCentresAndCoverEveryMode() {
        let ring = GaussianRing()
        var rng = RandomSource(seed: 5)
        let points = ring.sample(2500, using: &rng)
        #expect(points.shape == [2500, 2, 1, 1])
        let coverage = ring.coverage(of: points)
        // Within 3σ in 2-D holds 1 − e^(−4.5) ≈ 98.9 % of a Gaussian's mass.
        #expect(coverage.coveredModes == 8)
        #expect(coverage.highQualityFraction > 0.97 && coverage.highQualityFraction < 1)
        #expect(coverage.perMode.allSatisfy { (250...375).contains($0) })
    }

    @Test func coverageRegistersPointsWithinThreeSigmaAndNeedsTwentyPerMode() {
        let ring = GaussianRing()
        let onMode0 = Array(repeating: [Float(2), 0.05], count: 20)     // 2.5σ away: high-quality
        let onMode2 = Array(repeating: [Float(0), 2.07], count: 19)     // 3.5σ away: not
        let onMode4 = Array(repeating: [Float(-2), 0], count: 19)       // on the centre, too few
        let values = (onMode0 + onMode2 + onMode4).flatMap { $0 }
        let coverage = ring.coverage(of: Tensor(shape: [58, 2, 1, 1], values: values))
        #expect(coverage.perMode == [20, 0, 0, 0, 19, 0, 0, 0])
        #expect(coverage.coveredModes == 1 && coverage.total == 58)
    }

    @Test func canvasMapsDataToPixelsAndWritesAPNG() throws {
        var canvas = Canvas(width: 21, height: 11, x: -1...1, y: 0...1)
        #expect(canvas.pixel(x: -1, y: 1) == (0, 0))
        #expect(canvas.pixel(x: 1, y: 0) == (20, 10))
        canvas.dot(x: 0, y: 0.5, radius: 1, .red)
        canvas.rectangle(x0: 0.9, y0: 0, x1: 1, y1: 0.1, .blue, opacity: 0.5)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-\(UUID().uuidString).png")
        try canvas.write(to: file.path)
        let image = try PNGImage(contentsOfFile: file.path)
        #expect(image.width == 21 && image.height == 11 && image.channels == 3)
        func rgb(_ column: Int, _ row: Int) -> [UInt8] { Array(image.pixels[(row * 21 + column) * 3..<(row * 21 + column) * 3 + 3]) }
        func close(_ a: [UInt8], _ b: [Int]) -> Bool { zip(a, b).allSatisfy { abs(Int($0) - $1) <= 1 } }
        #expect(close(rgb(10, 5), [217, 26, 26]))            // red: 255 · (0.85, 0.1, 0.1)
        #expect(close(rgb(0, 0), [255, 255, 255]))           // background
        #expect(close(rgb(20, 10), [140, 166, 236]))         // half-way from white to blue
    }
}
