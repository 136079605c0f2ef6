import AugmentationDiffAug
import GANCore
import GANTestSupport
import Testing

/// DiffAugment against the authors' sizes, ranges and formulas, and its differentiability.
@Suite struct DiffAugmentTests {
    typealias Step = DiffAugment.Step

    static func parameters(_ steps: Step...) -> DiffAugment.Parameters { DiffAugment.Parameters(steps: steps) }

    @Test func translationMovesPixelsByTheShiftAndFillsZeros() {
        // 3×3 image 1…9; out[i, j] = x[i + 1, j − 1].
        let x = Tensor(shape: [1, 1, 3, 3], values: (1...9).map(Float.init))
        let y = DiffAugment().apply(x, Self.parameters(.translation(.init(rows: [1], columns: [-1]))))
        #expect(y.scalars == [0, 4, 5,
                              0, 7, 8,
                              0, 0, 0])
    }

    @Test(arguments: [(2, -3), (-4, 4), (0, 1), (5, 0)])
    func translationOfAFourChannelBatchMatchesTheIndexFormula(rows: Int, columns: Int) {
        let x = Fixtures.images([2, 4, 6, 7], seed: 1)
        let draws = DiffAugment.TranslationDraws(rows: [rows, -columns], columns: [columns, rows])
        let y = DiffAugment().apply(x, Self.parameters(.translation(draws)))
        for n in 0..<2 {
            for c in 0..<4 {
                for i in 0..<6 {
                    for j in 0..<7 {
                        let si = i + draws.rows[n], sj = j + draws.columns[n]
                        let expected: Float = (0..<6).contains(si) && (0..<7).contains(sj) ? x[n, c, si, sj] : 0
                        #expect(y[n, c, i, j] == expected, "sample \(n) channel \(c) pixel (\(i), \(j))")
                    }
                }
            }
        }
    }

    @Test(arguments: [(32, 4), (64, 8), (8, 1)])
    func sampledShiftsCoverExactlyMinusSToS(size: Int, shift: Int) {
        #expect(DiffAugment.translationShift(extent: size) == shift)
        var rng = RandomSource(seed: 2)
        let parameters = DiffAugment(policy: [.translation]).sampleParameters(batch: 2000, size: ImageSize(channels: 3, resolution: size), using: &rng)
        guard case .translation(let d) = parameters.steps[0] else { Issue.record("expected a translation step"); return }
        #expect(Set(d.rows) == Set(-shift...shift))
        #expect(Set(d.columns) == Set(-shift...shift))
    }

    @Test(arguments: [(32, 16, 33), (64, 32, 65), (13, 7, 13)])
    func cutoutSizeAndCentreRangeFollowTheAuthors(size: Int, side: Int, centreBound: Int) {
        #expect(DiffAugment.cutoutSize(extent: size) == side)
        #expect(DiffAugment.cutoutCentreBound(extent: size) == centreBound)
        var rng = RandomSource(seed: 3)
        let parameters = DiffAugment(policy: [.cutout]).sampleParameters(batch: 4000, size: ImageSize(channels: 1, resolution: size), using: &rng)
        guard case .cutout(let d) = parameters.steps[0] else { Issue.record("expected a cutout step"); return }
        #expect(Set(d.rows) == Set(0..<centreBound))
        #expect(Set(d.columns) == Set(0..<centreBound))
    }

    /// The zeroed rows and columns for a centre: `centre − c/2 ..< centre − c/2 + c`, clamped.
    @Test(arguments: [(32, 16, 8..<24), (32, 0, 0..<8), (32, 32, 24..<32), (64, 5, 0..<21), (64, 64, 48..<64), (13, 6, 3..<10), (13, 12, 9..<13)])
    func cutoutZeroesTheClampedSquareAroundItsCentre(size: Int, centre: Int, zeroed: Range<Int>) {
        let x = Tensor.ones([1, 2, size, size])
        let draws = DiffAugment.CutoutDraws(rows: [centre], columns: [size / 2])
        let y = DiffAugment().apply(x, Self.parameters(.cutout(draws)))
        let side = DiffAugment.cutoutSize(extent: size)
        let columns = (size / 2 - side / 2)..<(size / 2 - side / 2 + side)
        for c in 0..<2 {
            for i in 0..<size {
                for j in 0..<size {
                    let inside = zeroed.contains(i) && columns.contains(j)
                    #expect(y[0, c, i, j] == (inside ? 0 : 1), "pixel (\(i), \(j)) with centre row \(centre)")
                }
            }
        }
    }

    @Test func colorAppliesBrightnessThenSaturationThenContrast() {
        // Two pixels (r, g, b): (0.3, −0.3, 0.6) and (−0.2, 0.1, 0.4).
        let x = Tensor(shape: [1, 3, 1, 2], values: [0.3, -0.2, -0.3, 0.1, 0.6, 0.4])
        func color(_ b: Float, _ s: Float, _ c: Float) -> [Float] {
            DiffAugment().apply(x, Self.parameters(.color(.init(brightness: [b], saturation: [s], contrast: [c])))).scalars
        }
        // Brightness +0.25 alone.
        #expect(maxDifference(color(0.25, 1, 1), [0.55, 0.05, -0.05, 0.35, 0.85, 0.65]) < 1e-6)
        // Saturation 1.5 about each pixel's channel mean (0.2 and 0.1).
        #expect(maxDifference(color(0, 1.5, 1), [0.35, -0.35, -0.55, 0.1, 0.8, 0.55]) < 1e-6)
        // Contrast 0.5 about the image mean 0.15.
        #expect(maxDifference(color(0, 1, 0.5), [0.225, -0.025, -0.075, 0.125, 0.375, 0.275]) < 1e-6)
        // All three: brightness −0.1, saturation 0 (grey at the pixel means 0.1 and 0), contrast 2
        // about the new image mean 0.05.
        #expect(maxDifference(color(-0.1, 0, 2), [0.15, -0.05, 0.15, -0.05, 0.15, -0.05]) < 1e-6)
    }

    @Test func theOperationsRunInPolicyOrderWithDrawsForEverySample() {
        var rng = RandomSource(seed: 4)
        let augmentation = DiffAugment(policy: [.cutout, .color])
        let parameters = augmentation.sampleParameters(batch: 5, size: ImageSize(channels: 3, resolution: 16), using: &rng)
        guard parameters.steps.count == 2, case .cutout(let cut) = parameters.steps[0], case .color(let color) = parameters.steps[1] else {
            Issue.record("steps \(parameters.steps) do not follow the policy")
            return
        }
        #expect(cut.rows.count == 5 && color.brightness.count == 5)
        #expect(color.brightness.allSatisfy { (-0.5..<0.5).contains($0) })
        #expect(color.saturation.allSatisfy { (0..<2).contains($0) })
        #expect(color.contrast.allSatisfy { (0.5..<1.5).contains($0) })
        #expect(Set(color.brightness).count == 5, "each sample needs its own draw")
    }

    @Test func applyIsDeterministicGivenTheParameters() {
        let augmentation = DiffAugment()
        var rng = RandomSource(seed: 5)
        let x = Fixtures.images([3, 3, 16, 16], seed: 6)
        let parameters = augmentation.sampleParameters(batch: 3, size: ImageSize(channels: 3, resolution: 16), using: &rng)
        #expect(augmentation.apply(x, parameters).scalars == augmentation.apply(x, parameters).scalars)
        #expect(augmentation.apply(x, parameters).scalars != x.scalars)
    }

    @Test(arguments: [[DiffAugment.Operation.color], [.translation], [.cutout], [.color, .translation, .cutout]])
    func theGeneratorReceivesGradientThroughTheAugmentation(policy: [DiffAugment.Operation]) throws {
        let augmentation = DiffAugment(policy: policy)
        var rng = RandomSource(seed: 7)
        let parameters = augmentation.sampleParameters(batch: 4, size: ImageSize(channels: 3, resolution: 8), using: &rng)
        let result = try Fixtures.generatorGradient(channels: 3) { augmentation.apply($0, parameters) }
        #expect(result.augmented.scalars != result.plain.scalars, "the augmentation changed nothing")
        for gradient in result.gradients {
            #expect(gradient.scalars.contains { $0 != 0 } && gradient.scalars.allSatisfy(\.isFinite))
        }
    }

    @Test func applyMatchesFiniteDifferencesInTheImagesToSecondOrder() throws {
        let augmentation = DiffAugment()
        var rng = RandomSource(seed: 8)
        let parameters = augmentation.sampleParameters(batch: 2, size: ImageSize(channels: 3, resolution: 8), using: &rng)
        let x = Fixtures.images([2, 3, 8, 8], seed: 9)
        let first = try GradCheck.firstOrder([x], maxEntriesPerInput: 96) { augmentation.apply($0[0], parameters) }
        #expect(first.relativeError < 2e-3, "\(first)")
        // Squared, so the second derivative is not zero: R1 differentiates through it twice.
        let second = try GradCheck.secondOrder([x], maxEntriesPerInput: 48) { augmentation.apply($0[0], parameters).squared() }
        #expect(second.relativeError < 2e-3, "\(second)")
    }
}
