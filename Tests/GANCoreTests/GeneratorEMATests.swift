import Foundation
import GANCore
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// The generator EMA's β per step: the TensorFlow-style warm-up by default, and with a ramp-up
/// coefficient the official stylegan2-ada-pytorch schedule (`training/training_loop.py`).
@Suite struct GeneratorEMATests {
    static func ema(decay: Double, rampUp: Double?) -> GeneratorEMA {
        var rng = RandomSource(seed: 1)
        return GeneratorEMA(ToyGenerator(using: &rng), decay: decay, rampUp: rampUp)
    }

    /// The official formula step by step, in doubles: ema_nimg = min(ema_kimg · 1000, cur_nimg ·
    /// ramp), β = 0.5^(batch / max(ema_nimg, 1e-8)) with cur_nimg = t · batch.
    static func official(step: Int, emaKimg: Double, rampUp: Double, batch: Int) -> Double {
        let emaNimg = min(emaKimg * 1000, Double(step * batch) * rampUp)
        return pow(0.5, Double(batch) / max(emaNimg, 1e-8))
    }

    @Test func theRampUpGivesTheOfficialBetas() {
        // The official `auto` configuration at 64 px on one GPU: batch 32, ema_kimg 10, ramp 0.05.
        let (batch, emaKimg, rampUp) = (32, 10.0, 0.05)
        let decay = pow(0.5, Double(batch) / (emaKimg * 1000))
        let ema = Self.ema(decay: decay, rampUp: rampUp)
        // Worked values: β₀ = 0; 0.5^(1/(0.05 t)) = 0.5^20, 0.25, 0.5, 0.5^0.2 at t = 1, 10, 20, 100;
        // the cap 0.5^(1/(0.05 t)) passes decay = 0.5^0.0032 at t = 6250.
        let worked: [(Int, Double)] = [(0, 0), (1, 9.5367431640625e-07), (10, 0.25), (20, 0.5), (100, 0.8705505632961241),
                                       (6249, pow(0.5, 1 / (0.05 * 6249))), (6251, decay), (100_000, decay)]
        for (step, beta) in worked {
            #expect(abs(Double(ema.beta(step: step)) - beta) <= 1e-7 * max(beta, 1e-30), "step \(step): \(ema.beta(step: step)) vs \(beta)")
            let official = Self.official(step: step, emaKimg: emaKimg, rampUp: rampUp, batch: batch)
            #expect(abs(Double(ema.beta(step: step)) - official) <= 1e-7 * max(official, 1e-30),
                    "step \(step): \(ema.beta(step: step)) vs the official \(official)")
        }
    }

    @Test func withoutARampUpTheWarmUpIsUnchanged() {
        let ema = Self.ema(decay: 0.999, rampUp: nil)
        #expect(ema.beta(step: 0) == 0.1 && ema.beta(step: 10) == Float(11) / 20 && ema.beta(step: 100_000) == 0.999)
    }

    /// β₀ = 0 makes the average the weights after the first step, exactly.
    @Test func theFirstRampedUpdateCopiesTheWeights() throws {
        var rng = RandomSource(seed: 1)
        let generator = ToyGenerator(using: &rng)
        let ema = GeneratorEMA(generator, decay: 0.99, rampUp: 0.05)
        for p in generator.parameters() { p.assign(p.value * 3 + 1) }
        ema.update(step: 0)
        for (name, p) in generator.namedParameters() { #expect(ema.averages[name]!.scalars == p.value.scalars, "\(name)") }
        let before = generator.parameters().map(\.value.scalars)
        for p in generator.parameters() { p.assign(p.value + 4) }
        ema.update(step: 10)  // β = 0.25
        for ((name, _), old) in zip(generator.namedParameters(), before) {
            let expected = old.map { 0.25 * $0 + 0.75 * ($0 + 4) }
            #expect(zip(ema.averages[name]!.scalars, expected).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(name)")
        }
    }

    @Test func aRampUpThatIsNotPositiveIsRefused() {
        #expect { _ = try Toy.builder().generatorEMA(decay: 0.99, rampUp: 0).build() } throws: {
            String(describing: $0).contains("generator EMA ramp-up must be a positive number, got 0.0")
        }
    }
}
