import GANCore
import RegularizerCR
import Testing

/// CR's transform T: flips and reflect-padded translations on known images, the range and
/// reproducibility of its draws.
@Suite struct ConsistencyTransformTests {
    /// 1×1×4×4 with values 0…15 row-major.
    static var ramp: Tensor { Tensor(shape: [1, 1, 4, 4], values: (0..<16).map(Float.init)) }
    static let transform = ConsistencyTransform(maximumShift: 2)

    @Test func aFlipMirrorsEachRow() {
        let out = Self.transform.apply(Self.ramp, [.init(flip: true, dy: 0, dx: 0)])
        #expect(out.scalars == [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12])
    }

    @Test func aShiftRightMovesPixelsRightAndReflectsAtTheLeftBorder() {
        let out = Self.transform.apply(Self.ramp, [.init(flip: false, dy: 0, dx: 1)])
        #expect(out.scalars == [1, 0, 1, 2, 5, 4, 5, 6, 9, 8, 9, 10, 13, 12, 13, 14])
    }

    @Test func aShiftUpByTwoReflectsAtTheBottomBorder() {
        let out = Self.transform.apply(Self.ramp, [.init(flip: false, dy: -2, dx: 0)])
        // Rows 2, 3, then the mirror of the interior: rows 2 and 1.
        #expect(out.scalars == [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7])
    }

    @Test func aFlipAndAShiftComposeAsFlipThenShift() {
        let out = Self.transform.apply(Self.ramp, [.init(flip: true, dy: 1, dx: -1)])
        // Mirrored rows [4k+3, 4k+2, 4k+1, 4k]; down by one (row 0 reflects row 1), left by one
        // (the last column reflects column 2).
        #expect(out.scalars == [6, 5, 4, 5, 2, 1, 0, 1, 6, 5, 4, 5, 10, 9, 8, 9])
    }

    /// Reflect-padding by s and cropping at (s − dy, s − dx) is the same map, written another way.
    @Test(arguments: [[2, 3, 8, 8], [3, 1, 6, 10], [1, 3, 32, 32]])
    func equalsReflectPaddingAndCroppingForRandomDraws(shape: [Int]) {
        var rng = RandomSource(seed: 21)
        let x = Tensor.uniform(shape, low: -1, high: 1, using: &rng)
        let t = ConsistencyTransform(maximumShift: min(shape[2], shape[3]) / 3)
        let draws = t.sample(batch: shape[0], size: ImageSize(channels: shape[1], height: shape[2], width: shape[3]), using: &rng)
        let out = t.apply(x, draws)
        let s = t.maximumShift!
        for (i, d) in draws.enumerated() {
            var one = x.slice(axis: 0, range: i..<(i + 1))
            if d.flip { one = one.flipped(axes: [3]) }
            let padded = one.padded([(s, s), (s, s)], mode: .reflect)
            let crop = padded.slice([(s - d.dy)..<(s - d.dy + shape[2]), (s - d.dx)..<(s - d.dx + shape[3])])
            #expect(out.slice(axis: 0, range: i..<(i + 1)).scalars == crop.scalars, "sample \(i), draw \(d)")
        }
    }

    @Test func drawsCoverTheRangeUpToAnEighthOfTheSizeAndFlipAboutHalfTheTime() {
        let t = ConsistencyTransform()
        var rng = RandomSource(seed: 5)
        let draws = t.sample(batch: 2000, size: ImageSize(channels: 3, resolution: 32), using: &rng)
        #expect(Set(draws.map(\.dx)) == Set(-4...4) && Set(draws.map(\.dy)) == Set(-4...4))
        let flips = draws.filter(\.flip).count
        #expect(flips > 900 && flips < 1100)
        #expect(t.shiftLimit(extent: 64) == 8 && t.shiftLimit(extent: 4) == 0)
        #expect(ConsistencyTransform(flipProbability: 0).sample(batch: 50, size: ImageSize(channels: 1, resolution: 16), using: &rng)
                    .allSatisfy { !$0.flip })
    }

    @Test func drawsAreAFunctionOfTheRandomSource() {
        let size = ImageSize(channels: 1, resolution: 16)
        var a = RandomSource(seed: 8), b = RandomSource(seed: 8), c = RandomSource(seed: 9)
        let t = ConsistencyTransform()
        let da = t.sample(batch: 20, size: size, using: &a)
        #expect(da == t.sample(batch: 20, size: size, using: &b))
        #expect(da != t.sample(batch: 20, size: size, using: &c))
        #expect(a == b)
    }
}
