import GANIO
import GANCore
import Testing

/// Center crop, area averaging for integer factors and bilinear resampling otherwise.
@Suite struct ImageResizeTests {
    /// A [1, h, w] plane with value `f(y, x)`.
    static func plane(_ h: Int, _ w: Int, _ f: (Int, Int) -> Float) -> Tensor {
        Tensor(shape: [1, h, w], values: (0..<(h * w)).map { f($0 / w, $0 % w) })
    }

    @Test func sameSizeIsACopy() {
        let x = Self.plane(4, 4) { y, x in Float(y * 4 + x) }
        #expect(ImageResize.fit(x, resolution: 4).scalars == x.scalars)
    }

    @Test func integerFactorAveragesBlocks() {
        let x = Self.plane(4, 4) { y, x in Float(y * 4 + x) }
        // Blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}.
        #expect(ImageResize.fit(x, resolution: 2).scalars == [2.5, 4.5, 10.5, 12.5])
        #expect(ImageResize.fit(x, resolution: 1).scalars == [7.5])
    }

    @Test func nonSquareImagesAreCenterCroppedFirst() {
        // 2 rows × 6 columns: the crop keeps columns 2 and 3.
        let wide = Self.plane(2, 6) { y, x in Float(10 * y + x) }
        #expect(ImageResize.fit(wide, resolution: 2).scalars == [2, 3, 12, 13])
        // 5 rows × 2 columns: the odd surplus drops the last row, keeping rows 1 and 2.
        let tall = Self.plane(5, 2) { y, x in Float(10 * y + x) }
        #expect(ImageResize.fit(tall, resolution: 2).scalars == [10, 11, 20, 21])
    }

    @Test(arguments: [(7, 3), (3, 7), (28, 32), (6, 4)])
    func bilinearFollowsHalfPixelCentresOnARamp(sizes: (Int, Int)) {
        let (s, r) = sizes
        let ramp = Self.plane(s, s) { _, x in Float(x) }
        let out = ImageResize.fit(ramp, resolution: r)
        let scale = Float(s) / Float(r)
        for o in 0..<r {
            // A linear ramp is reproduced exactly at x_src = (o + ½)·s/r − ½, clamped to [0, s − 1].
            let expected = min(max((Float(o) + 0.5) * scale - 0.5, 0), Float(s - 1))
            for y in 0..<r { #expect(abs(out[0, y, o] - expected) < 1e-5, "column \(o) row \(y)") }
        }
    }

    @Test func bilinearMatchesAHandComputedTwoByTwoUpsampling() {
        // 2 → 3: x_src = (o + ½)·2/3 − ½ = −1/6 (clamped to 0), 1/2, 7/6 (past the last pixel, so 1).
        let x = Tensor(shape: [1, 2, 2], values: [0, 1, 2, 3])
        let out = ImageResize.fit(x, resolution: 3)
        let expected: [Float] = [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]
        for (a, b) in zip(out.scalars, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func batchesResizeEachImageAndChannel() {
        let batch = Tensor(shape: [2, 3, 4, 4], values: (0..<96).map(Float.init))
        let out = ImageResize.fit(batch, resolution: 2)
        #expect(out.shape == [2, 3, 2, 2])
        // Plane k holds 16k + (y·4 + x); block averages shift by 16k.
        for k in 0..<6 {
            #expect(Array(out.scalars[(4 * k)..<(4 * k + 4)]) == [2.5, 4.5, 10.5, 12.5].map { $0 + Float(16 * k) })
        }
    }
}
