import GANNN
import GANTensor
import GANTestSupport
import Testing

/// NoiseInput (per-pixel noise with a learned strength) and the MinibatchStandardDeviation layer.
@Suite struct NoiseInputTests {
    @Test func strengthStartsAtZeroSoTheLayerIsTheIdentity() {
        var rng = RandomSource(seed: 1)
        let layer = NoiseInput(resolution: 4, using: &rng)
        let x = sample([2, 3, 4, 4], seed: 2)
        #expect(layer(x, using: &rng).scalars == x.scalars)
        #expect(layer.namedParameters().map(\.0) == ["noise_strength"])
        #expect(layer.namedBuffers().map(\.0) == ["noise_const"])
    }

    @Test func noiseIsSharedByTheChannelsAndScaledByTheStrength() throws {
        var rng = RandomSource(seed: 3)
        let layer = NoiseInput(resolution: 2, using: &rng)
        layer.strength.assign(Tensor(0.5))
        let x = Tensor.zeros([1, 2, 2, 2])
        let noise = Tensor(shape: [1, 1, 2, 2], values: [1, -2, 3, 4])
        let y = layer(x, noise: noise)
        #expect(y.scalars == [0.5, -1, 1.5, 2, 0.5, -1, 1.5, 2])
        try (y * y).sum().backward()
        // d/ds Σ (s·n)² over 2 channels = 2 · 2s · Σ n² = 2 · 2 · 0.5 · 30.
        #expect(Swift.abs(layer.strength.grad!.item - 60) < 1e-4)
    }

    @Test func randomNoiseIsDrawnFromTheGivenSource() {
        var rng = RandomSource(seed: 4)
        let layer = NoiseInput(resolution: 3, using: &rng)
        layer.strength.assign(Tensor(1))
        let x = Tensor.zeros([2, 1, 3, 3])
        var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
        let drawn = layer(x, using: &a)
        #expect(drawn.scalars == Tensor.normal([2, 1, 3, 3], using: &b).scalars)
        var scripted = ScriptedRandomSource([RandomDraw](repeating: .normal(0.25), count: 18))
        #expect(layer(x, using: &scripted).scalars.allSatisfy { $0 == 0.25 })
    }

    @Test func constantModeAddsTheStoredImageToEverySample() {
        var rng = RandomSource(seed: 5)
        let layer = NoiseInput(resolution: 2, using: &rng)
        layer.strength.assign(Tensor(2))
        let y = layer.constant(Tensor.zeros([3, 1, 2, 2]))
        let stored = layer.constantNoise.value.scalars.map { $0 * 2 }
        #expect(y.scalars == stored + stored + stored)
    }

    @Test func minibatchStandardDeviationLayerAppendsOneChannel() {
        let layer = MinibatchStandardDeviation()
        let y = layer(sample([8, 3, 2, 2], seed: 6))
        #expect(y.shape == [8, 4, 2, 2])
        #expect(MinibatchStandardDeviation(groupSize: 2, channels: 3)(sample([4, 6, 2, 2], seed: 7)).shape == [4, 9, 2, 2])
    }
}

/// Uniform in [−1, 1) from a seeded source.
private func sample(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = RandomSource(seed: seed)
    return Tensor.uniform(shape, low: -1, high: 1, using: &rng)
}
