import AugmentationADA
import Foundation
import GANCore
import GANTestSupport
import Testing

/// ADA's geometric and colour matrices, its p controller, its checkpointed state and its
/// differentiability.
@Suite struct ADATests {
    static func parameters(geometry: [HomogeneousMatrix], color: [HomogeneousMatrix]? = nil) -> ADA.Parameters {
        ADA.Parameters(geometry: geometry, color: color ?? geometry.map { _ in .identity(4) })
    }

    // MARK: - Geometry

    @Test(arguments: ADA.Filter.allCases)
    func anIdentityMatrixLeavesItsSampleUnchangedThroughTheSampler(filter: ADA.Filter) {
        // Sample 1 is flipped so the batch is resampled; sample 0 must come back as it was (to
        // float rounding on the sym6 path, whose up- and downsampling cancel).
        let x = Fixtures.images([2, 3, 9, 9], seed: 1)
        let y = ADA(filter: filter).apply(x, Self.parameters(geometry: [.identity(3), .scale2d(-1, 1)]))
        let per = 3 * 81
        #expect(maxDifference(Array(y.scalars[..<per]), Array(x.scalars[..<per])) < 1e-5)
        // Bilinear moves pixels exactly; the sym6 path filters the mirror image with a filter
        // that is not symmetric, so its flip is not exact (the authors' is not either).
        let flipError = maxDifference(Array(y.scalars[per...]), x.flipped(axes: [3]).scalars.suffix(per).map { $0 })
        #expect(filter == .bilinear ? flipError < 1e-5 : flipError > 1e-3)
    }

    @Test(arguments: [8, 9])
    func aQuarterTurnIsATransposeAndAFlip(size: Int) {
        let x = Fixtures.images([1, 1, size, size], seed: 2)
        let ada = ADA(filter: .bilinear)
        let quarter = ada.apply(x, Self.parameters(geometry: [.rotate2d(Double.pi / 2)]))
        // G_inv maps output (x, y) to input (−y, x): out[i, j] = in[j, size − 1 − i].
        #expect(maxDifference(quarter.scalars, x.transposed().flipped(axes: [2]).scalars) < 1e-5)
        let half = ada.apply(x, Self.parameters(geometry: [.rotate2d(Double.pi)]))
        #expect(maxDifference(half.scalars, x.flipped(axes: [2, 3]).scalars) < 1e-5)
    }

    /// Both filters mirror about the border pixels' centres, as the authors'
    /// `F.pad(mode='reflect')` does (GANKit mirrored at the outer edge, −0.5, before).
    @Test(arguments: ADA.Filter.allCases)
    func anIntegerTranslationMovesPixelsAndMirrorsAboutTheBorderPixelsCentres(filter: ADA.Filter) {
        let x = Fixtures.images([1, 1, 6, 6], seed: 3)
        // G_inv = translate(−2, 0): out[i, j] = in[i, j − 2], mirrored about pixel 0.
        let y = ADA(filter: filter).apply(x, Self.parameters(geometry: [.translate2d(-2, 0)]))
        for i in 0..<6 {
            for j in 0..<6 {
                let source = abs(j - 2)   // −1 → 1, −2 → 2
                #expect(abs(y[0, 0, i, j] - x[0, 0, i, source]) < 1e-5, "pixel (\(i), \(j)) with \(filter)")
            }
        }
    }

    @Test func atPZeroNothingFiresAndTheImagesPassThroughExactly() {
        let ada = ADA()
        var rng = RandomSource(seed: 4)
        let parameters = ada.sampleParameters(batch: 16, size: ImageSize(channels: 3, resolution: 8), using: &rng)
        #expect(parameters.geometry.allSatisfy(\.isIdentity) && parameters.color.allSatisfy(\.isIdentity))
        let x = Fixtures.images([16, 3, 8, 8], seed: 5)
        #expect(ada.apply(x, parameters).scalars == x.scalars)
    }

    @Test func atPOneEverySampleIsTransformedAndItsScaleIsFinite() {
        let ada = ADA(fixedP: 1)
        var rng = RandomSource(seed: 6)
        let parameters = ada.sampleParameters(batch: 32, size: ImageSize(channels: 3, resolution: 8), using: &rng)
        #expect(parameters.geometry.allSatisfy { !$0.isIdentity && $0.elements.allSatisfy(\.isFinite) })
        #expect(parameters.color.allSatisfy { !$0.isIdentity })
        #expect(Set(parameters.geometry).count == 32, "each sample needs its own draw")
    }

    // MARK: - Presets, multipliers and options

    @Test func aPresetDrawsItsOperationsOnly() {
        let blit = ADA(fixedP: 1, preset: .blit)
        let blitOperations: Set<ADA.Operation> = [.xflip, .rotate90, .xint]
        #expect(ADA.Operation.allCases.allSatisfy { blit.multipliers[$0] == (blitOperations.contains($0) ? 1 : 0) })
        var recording = RecordingRandomSource(RandomSource(seed: 12))
        let parameters = blit.sampleParameters(batch: 2, size: ImageSize(channels: 3, resolution: 8), using: &recording)
        // x-flip and 90° rotation: 2 values and 2 gates each; integer translation 2 × 2 values, 2 gates.
        #expect(recording.draws.count == 14)
        #expect(parameters.color.allSatisfy { $0.isIdentity })
        #expect(ADA(preset: .color).multipliers.filter { $0.value > 0 }.keys.allSatisfy { !$0.isGeometric })
        #expect(ADA().preset == .bgc && ADA().multipliers.values.allSatisfy { $0 == 1 })
    }

    @Test func aMultiplierScalesItsOperationsProbability() {
        let ada = ADA(fixedP: 0.8, preset: .blit, multipliers: [.xflip: 0.5, .rotate90: 0, .xint: 0])
        // Flip values i = 1, 1; gates 0.39 < 0.5·0.8 fires, 0.41 does not.
        var script = ScriptedRandomSource([.uniformDouble(0.9), .uniformDouble(0.9), .uniformDouble(0.39), .uniformDouble(0.41)])
        let parameters = ada.sampleParameters(batch: 2, size: ImageSize(channels: 1, resolution: 8), using: &script)
        #expect(parameters.geometry == [.scale2d(-1, 1), .identity(3)])
        #expect(script.remaining == 0)
    }

    /// `gankit train` saves the components of a run's config.json as they were given
    /// (`{"kind": "ada"}`), and the experiment records in docs/results/experiments.jsonl hold
    /// them the same way, so an ADA spec without `filter` must keep resampling as the runs
    /// saved that way did: bilinearly. Changing the default would switch every such run to sym6
    /// when it is resumed, and make the recorded ADA rows claim a filter they did not use.
    @Test func aSpecWithoutFilterResamplesBilinearlyAsSavedRunsDid() throws {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 1, resolution: 32), batchSize: 64, datasetCount: 500)
        let saved = try ADA.make(from: .object([:]), context: context, describedAs: "augmentation ada")
        #expect(saved.filter == .bilinear)
        #expect(ADA.Options().filter == .bilinear)
    }

    @Test func optionsSetThePresetMultipliersAndFilterAndNameABadValue() throws {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 8, datasetCount: 100)
        let ada = try ADA.make(from: .object(["preset": .string("geom"), "xflip": .number(0.5), "filter": .string("sym6")]),
                               context: context, describedAs: "augmentation ada")
        #expect(ada.preset == .geom && ada.filter == .sym6)
        #expect(ADA().filter == .bilinear)
        #expect(ada.multipliers[.xflip] == 0.5 && ada.multipliers[.rotate] == 1 && ada.multipliers[.hue] == 0)
        #expect { _ = try ADA.make(from: .object(["hue": .number(-1)]), context: context, describedAs: "augmentation ada") } throws: {
            String(describing: $0).contains("ada.hue")
        }
        #expect { _ = try ADA.make(from: .object(["preset": .string("bgcf")]), context: context, describedAs: "augmentation ada") } throws: {
            String(describing: $0).contains("preset")
        }
        #expect { _ = try ADA.make(from: .object(["filter": .string("lanczos")]), context: context, describedAs: "augmentation ada") } throws: {
            String(describing: $0).contains("filter")
        }
    }

    // MARK: - Colour

    static var rgb: Tensor { Tensor(shape: [1, 3, 1, 2], values: [0.3, -0.2, -0.3, 0.1, 0.6, 0.4]) }

    func color(_ x: Tensor, _ m: HomogeneousMatrix) -> [Float] {
        ADA().apply(x, Self.parameters(geometry: [.identity(3)], color: [m])).scalars
    }

    @Test func brightnessAndContrastShiftAndScaleEveryChannel() {
        #expect(maxDifference(color(Self.rgb, .translate3d(0.1, 0.1, 0.1)), [0.4, -0.1, -0.2, 0.2, 0.7, 0.5]) < 1e-6)
        #expect(maxDifference(color(Self.rgb, .scale3d(2, 2, 2)), [0.6, -0.4, -0.6, 0.2, 1.2, 0.8]) < 1e-6)
    }

    @Test func lumaFlipReflectsThroughTheGreyAxisAndSaturationZeroGreys() {
        // Pixel means 0.2 and 0.1: luma flip gives x − 2·mean, saturation 0 gives the mean.
        #expect(maxDifference(color(Self.rgb, .lumaReflection()), [-0.1, -0.4, -0.7, -0.1, 0.2, 0.2]) < 1e-6)
        #expect(maxDifference(color(Self.rgb, .saturation(0)), [0.2, 0.1, 0.2, 0.1, 0.2, 0.1]) < 1e-6)
        #expect(maxDifference(color(Self.rgb, .saturation(2)), [0.4, -0.5, -0.8, 0.1, 1.0, 0.7]) < 1e-6)
    }

    @Test func aHueTurnOfAThirdCyclesTheChannels() {
        let v = 1 / 3.0.squareRoot()
        let turned = color(Self.rgb, .rotate3d(axis: (v, v, v), 2 * Double.pi / 3))
        // (r, g, b) → (b, r, g).
        #expect(maxDifference(turned, [0.6, 0.4, 0.3, -0.2, -0.3, 0.1]) < 1e-6)
    }

    @Test func greyImagesTakeTheMeanRowOfTheColourMatrix() {
        let grey = Tensor(shape: [1, 1, 1, 3], values: [0.5, -0.25, 0])
        // Brightness 0.1 then contrast 2: 2x + 0.2; the luma flip negates.
        let m = HomogeneousMatrix.scale3d(2, 2, 2) * .translate3d(0.1, 0.1, 0.1)
        #expect(maxDifference(color(grey, m), [1.2, -0.3, 0.2]) < 1e-6)
        #expect(maxDifference(color(grey, .lumaReflection()), [-0.5, 0.25, 0]) < 1e-6)
    }

    @Test func greyImagesDrawNoHueOrSaturation() {
        var a = RandomSource(seed: 7), b = RandomSource(seed: 7)
        let ada = ADA(fixedP: 1)
        let grey = ada.sampleParameters(batch: 8, size: ImageSize(channels: 1, resolution: 8), using: &a)
        let rgb = ada.sampleParameters(batch: 8, size: ImageSize(channels: 3, resolution: 8), using: &b)
        // Same draws up to the luma flip; RGB then draws hue and saturation on top.
        #expect(grey.geometry == rgb.geometry)
        #expect(a != b)
    }

    // MARK: - Controller

    static func logits(positive: Int, negative: Int) -> Tensor {
        Tensor(Array(repeating: Float(1.5), count: positive) + Array(repeating: Float(-0.5), count: negative))
    }

    @Test func theStepIs5Point12eMinus4AtBatch64AfterEveryFourthDStep() {
        let ada = ADA()
        #expect(abs(ada.adjustmentStep(batch: 64) - 5.12e-4) < 1e-15)
        for _ in 0..<3 { ada.observe(realLogits: Self.logits(positive: 64, negative: 0), batch: 64) }
        #expect(ada.p == 0 && ada.rt == nil)
        ada.observe(realLogits: Self.logits(positive: 64, negative: 0), batch: 64)
        #expect(abs(ada.p - 5.12e-4) < 1e-15)
        #expect(ada.rt == 1)
        #expect(ada.metrics == ["ada.p": ada.p, "ada.rt": 1])
    }

    @Test func rtIsTheMeanSignOverTheIntervalAndPFollowsItsSide() {
        let ada = ADA(initialP: 0.5)
        // 4 steps of 8: 20 positive, 12 negative → r_t = 8/32 = 0.25 < 0.6: p falls by 32/500000.
        for k in 0..<4 { ada.observe(realLogits: Self.logits(positive: k < 2 ? 8 : 2, negative: k < 2 ? 0 : 6), batch: 8) }
        #expect(ada.rt == 0.25)
        #expect(abs(ada.p - (0.5 - 32.0 / 500_000)) < 1e-15)
        // r_t exactly on target: no change (sign 0).
        let onTarget = ADA(target: 0.5, interval: 1, initialP: 0.3)
        onTarget.observe(realLogits: Self.logits(positive: 3, negative: 1), batch: 4)
        #expect(onTarget.p == 0.3)
    }

    @Test func pNeverFallsBelowZeroAndClampsAtOneUnlessAskedNotTo() {
        let low = ADA(interval: 1, initialP: 1e-4)
        for _ in 0..<3 { low.observe(realLogits: Self.logits(positive: 0, negative: 64), batch: 64) }
        #expect(low.p == 0)

        let high = ADA(interval: 1, initialP: 0.9999)
        for _ in 0..<3 { high.observe(realLogits: Self.logits(positive: 64, negative: 0), batch: 64) }
        #expect(high.p == 1)

        let unclamped = ADA(interval: 1, initialP: 0.9999, clampAtOne: false)
        for _ in 0..<3 { unclamped.observe(realLogits: Self.logits(positive: 64, negative: 0), batch: 64) }
        #expect(abs(unclamped.p - (0.9999 + 3 * 64.0 / 500_000)) < 1e-12)
    }

    @Test func aFixedPIsNeverAdjustedButRtIsStillMeasured() {
        let ada = ADA(interval: 1, fixedP: 0.3)
        for _ in 0..<5 { ada.observe(realLogits: Self.logits(positive: 64, negative: 0), batch: 64) }
        #expect(ada.p == 0.3 && ada.rt == 1)
    }

    /// The authors' r_t counts the signs of the separate 'Dreg' phase beside those of the D
    /// steps, while the step of p stays batch · interval / (speedKimg · 1000).
    @Test func regularisationStepLogitsCountInRtButNotInTheStep() {
        let ada = ADA(interval: 2, initialP: 0.5)
        ada.observeRegularizationStep(realLogits: Self.logits(positive: 0, negative: 8), batch: 8)
        ada.observe(realLogits: Self.logits(positive: 8, negative: 0), batch: 8)
        #expect(ada.p == 0.5 && ada.rt == nil)
        ada.observe(realLogits: Self.logits(positive: 6, negative: 2), batch: 8)
        // 14 positive, 10 negative of 24 signs → r_t = 4/24 < 0.6: p falls by 16/500000.
        #expect(ada.rt == 4.0 / 24)
        #expect(abs(ada.p - (0.5 - 16.0 / 500_000)) < 1e-15)
        // Without the regularisation step's signs r_t would be 12/16 > 0.6 and p would rise.
        let without = ADA(interval: 2, initialP: 0.5)
        without.observe(realLogits: Self.logits(positive: 8, negative: 0), batch: 8)
        without.observe(realLogits: Self.logits(positive: 6, negative: 2), batch: 8)
        #expect(without.rt == 0.75 && without.p > 0.5)
    }

    /// A checkpoint written before the count of signed logits was recorded (when it equalled the
    /// count of observed reals) restores and continues as the run that wrote it would have.
    @Test func aStateWithoutTheSignedCountRestoresWithTheObservedCount() throws {
        let ada = ADA(interval: 2, initialP: 0.5)
        try ada.restoreState(from: Data(#"{"p":0.5,"signSum":8,"observed":8,"steps":1}"#.utf8))
        ada.observe(realLogits: Self.logits(positive: 0, negative: 8), batch: 8)
        #expect(ada.rt == 0)
        #expect(abs(ada.p - (0.5 - 16.0 / 500_000)) < 1e-15)
    }

    @Test func theStateRoundTripsMidIntervalAndContinuesIdentically() throws {
        let a = ADA(initialP: 0.2)
        for _ in 0..<6 { a.observe(realLogits: Self.logits(positive: 60, negative: 4), batch: 64) }
        let b = ADA()
        try b.restoreState(from: try #require(try a.encodeState()))
        for ada in [a, b] { for _ in 0..<2 { ada.observe(realLogits: Self.logits(positive: 10, negative: 54), batch: 64) } }
        #expect(a.p == b.p && a.rt == b.rt)
        #expect(a.p == 0.2 + 256.0 / 500_000 - 256.0 / 500_000)
        #expect(throws: GANCoreError.self) { try b.restoreState(from: Data("{}".utf8)) }
    }

    // MARK: - Gradients and the pipeline

    @Test(arguments: [1, 3])
    func theGeneratorReceivesGradientThroughTheAugmentation(channels: Int) throws {
        let ada = ADA(fixedP: 1)
        var rng = RandomSource(seed: 8)
        let parameters = ada.sampleParameters(batch: 4, size: ImageSize(channels: channels, resolution: 8), using: &rng)
        let result = try Fixtures.generatorGradient(channels: channels) { ada.apply($0, parameters) }
        #expect(result.augmented.scalars != result.plain.scalars, "the augmentation changed nothing")
        for gradient in result.gradients {
            #expect(gradient.scalars.contains { $0 != 0 } && gradient.scalars.allSatisfy(\.isFinite))
        }
    }

    @Test(arguments: [1, 3], ADA.Filter.allCases)
    func applyMatchesFiniteDifferencesInTheImagesToSecondOrder(channels: Int, filter: ADA.Filter) throws {
        let ada = ADA(fixedP: 1, filter: filter)
        var rng = RandomSource(seed: 9)
        let parameters = ada.sampleParameters(batch: 2, size: ImageSize(channels: channels, resolution: 8), using: &rng)
        let x = Fixtures.images([2, channels, 8, 8], seed: 10)
        let first = try GradCheck.firstOrder([x], maxEntriesPerInput: 96) { ada.apply($0[0], parameters) }
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], maxEntriesPerInput: 48) { ada.apply($0[0], parameters).squared() }
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test func inAPipelinePIsLoggedMovesAndResumesBitIdentically() throws {
        let data = Toy.data()
        func pipeline() throws -> TrainingPipeline {
            try Toy.builder().augmentation(ADA(interval: 2, speedKimg: 0.5)).build()
        }
        let whole = try pipeline()
        let expected = try (0..<12).map { _ in try whole.step(on: data).withoutTiming }
        #expect(expected.allSatisfy { $0.metrics["ada.p"] != nil })
        #expect(Set(expected.map { $0.metrics["ada.p"]! }).count > 1, "p never moved")
        #expect(expected[1...].allSatisfy { $0.metrics["ada.rt"] != nil })

        let first = try pipeline()
        for _ in 0..<5 { _ = try first.step(on: data) }
        let resumed = try Toy.builder(seed: 99).seed(11).augmentation(ADA(interval: 2, speedKimg: 0.5)).build()
        try resumed.restore(try first.snapshot())
        let continued = try (5..<12).map { _ in try resumed.step(on: data).withoutTiming }
        #expect(continued == Array(expected[5...]))
    }
}
