import Foundation
import GANCore
import GANTestSupport
import RegularizerR1
import Testing

/// R1 against docs/methods.md's TinyD reference and finite differences through D's weights.
@Suite struct R1Tests {
    /// TinyD of docs/methods.md: conv 3→4 k3 s2 p1 on 8×8, LeakyReLU(0.2) or tanh, linear 64→1.
    final class TinyD: Discriminator {
        let conv: Conv2d, fc: Linear, useTanh: Bool
        let inputSize = ImageSize(channels: 3, height: 8, width: 8)
        init(tanh: Bool) {
            var rng = RandomSource(seed: 0)
            conv = Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, using: &rng)
            fc = Linear(64, 1, using: &rng)
            useTanh = tanh
            func table(_ n: Int, _ scale: Double, _ phase: Double) -> [Float] { (0..<n).map { Float(scale * sin(0.37 * Double($0) + phase)) } }
            conv.weight.assign(Tensor(shape: [4, 3, 3, 3], values: table(108, 0.2, 0.1)))
            conv.bias!.assign(Tensor(table(4, 0.05, 0.2)))
            fc.weight.assign(Tensor(shape: [1, 64], values: table(64, 0.1, 0.3)))
            fc.bias!.assign(Tensor([0.01]))
        }
        var children: [(name: String, module: any Module)] { [("conv", conv), ("fc", fc)] }
        var blocks: [any Module] { [conv, fc] }
        func callAsFunction(_ x: Tensor) -> Tensor { fc(features(x)) }
        func features(_ x: Tensor) -> Tensor {
            let h = conv(x)
            return (useTanh ? h.tanh() : h.leakyReLU(0.2)).flattened()
        }
    }

    @Test(arguments: [(false, 0.0717793158), (true, 0.0207535557)])
    func withGammaTwoItIsTheTinyDReferenceValue(useTanh: Bool, reference: Double) throws {
        let d = TinyD(tanh: useTanh)
        let x = Tensor(shape: [2, 3, 8, 8], values: (0..<384).map { Float(cos(0.21 * Double($0))) })
        let reals = x.requiringGradient()
        var context = RegularizationContext(
            phase: .discriminator, iteration: 0, phaseStep: 0,
            generator: UnusedGenerator(), discriminator: d, augment: { x, _ in x },
            realImages: reals, realInputs: reals, realLogits: d(reals).reshaped([2]),
            latents: Tensor.zeros([2, 2]), fakeInputs: x, fakeLogits: d(x).reshaped([2]), random: RandomSource(seed: 0))
        let penalty = try #require(try R1(gamma: 2).penalty(&context))
        #expect(abs(Double(penalty.item) - reference) <= 1e-4 * reference)
        // ‖dR1/dfc.w‖ from the same table (γ = 2 makes R1 the table's quantity).
        let grads = try penalty.gradients(wrt: [d.fc.weight.value])
        let norm = grads[0].squared().sum().sqrt().item
        let expected = useTanh ? 0.2461371406 : 0.3441186921
        #expect(abs(Double(norm) - expected) <= 1e-4 * expected)
    }

    @Test func penaltyGradientWithRespectToWeightsMatchesFiniteDifferences() throws {
        let (w1, w2) = FunctionalDiscriminator.weights(seed: 3)
        let reals = Contexts.batch(3, seed: 4)
        let report = try GradCheck.firstOrder([w1, w2]) { w in
            let d = FunctionalDiscriminator(w[0], w[1])
            var context = Contexts.discriminatorPhase(d, reals: reals, fakes: Contexts.batch(3, seed: 5))
            return try! R1(gamma: 1).penalty(&context)!
        }
        #expect(report.relativeError < 2e-3, "\(report)")
    }

    @Test func lazyScheduleRunsEverySixteenStepsWithGainSixteenAndRescalesAdam() {
        let r1 = R1(gamma: 0.01, interval: 16)
        #expect(r1.schedule.interval == 16 && r1.schedule.gain == 16 && r1.schedule.rescalesOptimizer)
        #expect((0..<40).filter { r1.schedule.isDue(atStep: $0) } == [0, 16, 32])
        let adam = OptimizerSettings.adam(learningRate: 2e-3, betas: (0, 0.99)).rescaledForLazyRegularization(interval: 16)
        #expect(abs(adam.learningRate - 2e-3 * 16 / 17) < 1e-12)
        #expect(abs(adam.beta2 - pow(0.99, 16.0 / 17)) < 1e-12)
        #expect(!R1(gamma: 1).schedule.rescalesOptimizer)
    }
}
