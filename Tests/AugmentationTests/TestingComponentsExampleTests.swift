import GANCore
import GANTestSupport
import Testing

// The augmentation and tests of docs/testing-components.md, as written there, so the page's code
// compiles and passes.

public final class RandomScaling: Augmentation {
    public var name: String { "scaling" }
    public func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> [Float] {
        (0..<batch).map { _ in rng.uniform() + 0.5 }
    }
    public func apply(_ images: Tensor, _ parameters: [Float]) -> Tensor {
        images * Tensor(shape: [parameters.count, 1, 1, 1], values: parameters)
    }
}

/// docs/testing-components.md, "An augmentation" and "Scripting the draws".
@Suite struct TestingComponentsExampleTests {
    @Test func conformsToTheAugmentationContract() throws {
        try AugmentationConformance.check { RandomScaling() }
    }

    @Test func scalesComeFromTheUniformDraws() {
        var script = ScriptedRandomSource([.uniform(0), .uniform(0.25)])
        #expect(RandomScaling().sampleParameters(batch: 2, size: ImageSize(channels: 1, resolution: 4), using: &script) == [0.5, 0.75])
        #expect(script.remaining == 0)
    }

    @Test func replayingTheRecordedDrawsGivesTheSameParameters() {
        var recording = RecordingRandomSource(RandomSource(seed: 1))
        let size = ImageSize(channels: 1, resolution: 4)
        let drawn = RandomScaling().sampleParameters(batch: 3, size: size, using: &recording)
        var replay = ScriptedRandomSource(recording.draws)   // edit a draw here to test one case
        #expect(RandomScaling().sampleParameters(batch: 3, size: size, using: &replay) == drawn)
    }
}
