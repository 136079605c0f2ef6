import GANCore
import GANTensor
import GANTestSupport
import Testing
import Foundation

/// Known-value tests of every adversarial loss, from the formulas of docs/methods.md.
@Suite struct AdversarialLossTests {
    let real = Tensor([0.2, -0.1])
    let fake = Tensor([0.1, 0.4])

    static func softplus(_ x: Double) -> Double { Foundation_log1p_exp(x) }
    // swift-format-ignore: AlwaysUseLowerCamelCase
    static func Foundation_log1p_exp(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }

    @Test func relativisticHingeMatchesTheWorkedExample() {
        let loss = RelativisticHingeLoss()
        #expect(abs(loss.discriminatorLoss(real: real, fake: fake).item - 1.2) < 1e-6)
        #expect(abs(loss.generatorLoss(real: real, fake: fake).item - 0.8) < 1e-6)
    }

    @Test func nonSaturatingIsSoftplusOfTheLogits() {
        let loss = NonSaturatingLoss()
        let d = (Self.softplus(-0.2) + Self.softplus(0.1)) / 2 + (Self.softplus(0.1) + Self.softplus(0.4)) / 2
        let g = (Self.softplus(-0.1) + Self.softplus(-0.4)) / 2
        #expect(abs(Double(loss.discriminatorLoss(real: real, fake: fake).item) - d) < 1e-6)
        #expect(abs(Double(loss.generatorLoss(real: real, fake: fake).item) - g) < 1e-6)
    }

    @Test func hingeWassersteinAndLeastSquaresMatchHandValues() {
        // hinge D: mean(0.8, 1.1) + mean(1.1, 1.4) = 0.95 + 1.25; G: −0.25
        #expect(abs(HingeLoss().discriminatorLoss(real: real, fake: fake).item - 2.2) < 1e-6)
        #expect(abs(HingeLoss().generatorLoss(real: real, fake: fake).item + 0.25) < 1e-6)
        // Wasserstein D: 0.25 − 0.05; G: −0.25
        #expect(abs(WassersteinLoss().discriminatorLoss(real: real, fake: fake).item - 0.2) < 1e-6)
        #expect(abs(WassersteinLoss().generatorLoss(real: real, fake: fake).item + 0.25) < 1e-6)
        // least squares D: ½ mean(0.64, 1.21) + ½ mean(0.01, 0.16) = 0.4625 + 0.0425; G: ½ mean(0.81, 0.36)
        #expect(abs(LeastSquaresLoss().discriminatorLoss(real: real, fake: fake).item - 0.505) < 1e-6)
        #expect(abs(LeastSquaresLoss().generatorLoss(real: real, fake: fake).item - 0.2925) < 1e-6)
    }

    @Test(arguments: [0, 1, 2, 3, 4])
    func lossesAreDifferentiableToSecondOrder(index: Int) throws {
        let losses: [any AdversarialLoss] = [NonSaturatingLoss(), HingeLoss(), WassersteinLoss(), LeastSquaresLoss(), RelativisticHingeLoss()]
        let loss = losses[index]
        let r = Tensor([0.31, -0.57, 0.9]), f = Tensor([-0.23, 0.44, 0.05])
        for report in [try GradCheck.firstOrder([r, f]) { x in loss.discriminatorLoss(real: x[0], fake: x[1]) + loss.generatorLoss(real: x[0], fake: x[1]) },
                       try GradCheck.secondOrder([r, f]) { x in loss.discriminatorLoss(real: x[0], fake: x[1]) }] {
            #expect(report.relativeError < 2e-3, "\(loss.name): \(report)")
        }
    }
}
