import AugmentationADA
import AugmentationDiffAug
import GANCore
import GANTestSupport
import Testing

/// Every built-in augmentation meets `AugmentationConformance`'s contract, the check rejects
/// augmentations that break it, and the test random sources replay and script draws.
@Suite struct AugmentationConformanceTests {
    @Test(arguments: [1, 3])
    func diffAugmentConforms(channels: Int) throws {
        try AugmentationConformance.check(imageSize: ImageSize(channels: channels, resolution: 8)) { DiffAugment() }
    }

    /// At p = 1 every operation fires; at p = 0 the check would see a plain resampling.
    @Test(arguments: [1, 3], ADA.Filter.allCases)
    func adaConforms(channels: Int, filter: ADA.Filter) throws {
        try AugmentationConformance.check(imageSize: ImageSize(channels: channels, resolution: 8)) { ADA(fixedP: 1, filter: filter) }
    }

    @Test func rejectsSamplingThatDoesNotComeFromTheSource() throws {
        let failure = try #require(throws: AugmentationConformance.Failure.self) {
            try AugmentationConformance.check { SystemRandomBrightness() }
        }
        #expect(failure.requirements == [.reproducibleSampling], "\(failure)")
    }

    @Test func rejectsAnApplyThatIsNotDeterministic() throws {
        let failure = try #require(throws: AugmentationConformance.Failure.self) {
            try AugmentationConformance.check { NoisyApply() }
        }
        #expect(failure.requirements.contains(.deterministicGivenParameters), "\(failure)")
    }

    @Test func rejectsAnApplyThatCutsTheGradient() throws {
        let failure = try #require(throws: AugmentationConformance.Failure.self) {
            try AugmentationConformance.check { DetachingApply() }
        }
        #expect(failure.requirements == [.differentiable], "\(failure)")
    }

    /// Recording passes the seeded draws through unchanged, and replaying them gives the same
    /// parameters.
    @Test func sampleParametersThroughARecordingOrScriptedSourceAreTheSeededOnes() {
        let ada = ADA(fixedP: 0.7), size = ImageSize(channels: 3, resolution: 8)
        var plain = RandomSource(seed: 4)
        let expected = ada.sampleParameters(batch: 6, size: size, using: &plain)
        var recording = RecordingRandomSource(RandomSource(seed: 4))
        let recorded = ada.sampleParameters(batch: 6, size: size, using: &recording)
        #expect(recorded == expected)
        #expect(recording.base == plain)
        var replay = ScriptedRandomSource(recording.draws)
        let replayed = ada.sampleParameters(batch: 6, size: size, using: &replay)
        #expect(replayed == expected)
        #expect(replay.remaining == 0)
    }

    /// Translation draws all rows, then all columns.
    @Test func scriptedDrawsSetTheParametersExactly() {
        var script = ScriptedRandomSource([.integer(1), .integer(-1), .integer(0), .integer(4)])
        let parameters = DiffAugment(policy: [.translation]).sampleParameters(batch: 2, size: ImageSize(channels: 1, resolution: 32), using: &script)
        #expect(parameters.steps == [.translation(.init(rows: [1, -1], columns: [0, 4]))])
        #expect(script.remaining == 0)
    }

    @Test func aScriptThatRunsOutRecordsAnIssue() {
        withKnownIssue {
            var script = ScriptedRandomSource([.uniform(0.5)])
            let first = script.uniform(), second = script.uniform()
            #expect(first == 0.5 && second == 0)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("ran out: draw 2 asked for uniform()") }
        }
    }

    @Test func aDrawOfTheWrongKindOrOutOfRangeRecordsAnIssue() {
        withKnownIssue {
            var script = ScriptedRandomSource([.normal(0.3), .integer(9)])
            _ = script.uniform()
            let integer = script.integer(in: 0...3)
            #expect(integer == 0)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("asked for uniform() but the script holds normal() = 0.3") }
                || issue.comments.contains { $0.rawValue.contains("integer(in: 0..<4); the scripted 9 lies outside it") }
        }
    }
}

/// Brightness offsets from the system's generator instead of the given source.
private final class SystemRandomBrightness: Augmentation {
    var name: String { "system-random" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> [Float] {
        (0..<batch).map { _ in Float.random(in: -0.5..<0.5) }
    }
    func apply(_ images: Tensor, _ parameters: [Float]) -> Tensor {
        images + Tensor(shape: [parameters.count, 1, 1, 1], values: parameters)
    }
}

/// Adds fresh noise on every apply.
private final class NoisyApply: Augmentation {
    var name: String { "noisy" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) {}
    func apply(_ images: Tensor, _ parameters: Void) -> Tensor {
        images + Tensor(shape: images.shape, values: (0..<images.count).map { _ in Float.random(in: -0.1..<0.1) })
    }
}

/// Flips the images left–right on detached values: the generator gets no gradient.
private final class DetachingApply: Augmentation {
    var name: String { "detaching" }
    func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> Float { rng.uniform() + 0.5 }
    func apply(_ images: Tensor, _ parameters: Float) -> Tensor { images.detached() * parameters }
}
