import Foundation
import GANCore
import GANMetrics
import GANTestSupport
import Testing

/// The diagnostics added to see why MS3D at λ = 100 keeps D at chance (issue 12), each on a case
/// worked by hand.
@Suite struct MS3DDiagnosticsTests {
    /// λ·mean_i ‖∇ₓD(x_i)‖², with a call counter as its checkpointed state.
    final class GradientSquarePenalty: Regularizer {
        let weight: Float
        let schedule: RegularizationSchedule
        var calls = 0
        init(weight: Float, phase: TrainingPhase = .discriminator) {
            self.weight = weight
            schedule = .everyStep(phase)
        }
        var name: String { schedule.phase == .discriminator ? "square" : "square-g" }
        var needsRealImageGradient: Bool { true }
        func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
            calls += 1
            let g = try context.realImageGradient()
            return g.flattened().squared().sum(axes: [1]).mean() * weight
        }
        func encodeState() throws -> Data? { try encode(calls) }
        func restoreState(from data: Data) throws { calls = try decode(Int.self, from: data, component: name) }
    }

    /// [0, 1, 2, 3] as one 2×2 field: N = [0, ⅓, ⅔, 1], mean ½, var 5/36, so (max − min)/std =
    /// 6/√5. MS3D = SD₀ = mean (N − ½)², g = ∂/∂N = (N − ½)/2 = [−¼, −1/12, 1/12, ¼];
    /// r = 3, Σg = 0, Σ gN = 5/18; ∂/∂M_j = g_j/r, plus (ΣgN − Σg)/r at the arg-min and −ΣgN/r
    /// at the arg-max: [1, −3, 3, −1]/108, so the extremes carry 2 of 8 parts.
    @Test func extremesOfAnEvenlySpreadField() throws {
        let e = try NormalisationExtremes.of(Tensor(shape: [1, 1, 2, 2], values: [0, 1, 2, 3]))
        #expect(abs(e.rangeOverStd - 6 / 5.0.squareRoot()) < 1e-5)
        #expect(abs(e.extremeShare - 0.25) < 1e-5)
    }

    /// [0, 1, 1, 4]: N = [0, ¼, ¼, 1], mean ⅜, std ⅜, (max − min)/std = 8/3;
    /// g = (N − ⅜)/2, Σ gN = 9/32, r = 4: ∂/∂M = [3/128, −1/64, −1/64, 1/128], the extremes
    /// carry 4/128 of 8/128. The batch mean of this and the field above averages the two.
    @Test func extremesOfAFieldWithAnOutlierAndTheBatchMean() throws {
        let outlier = try NormalisationExtremes.of(Tensor(shape: [1, 1, 2, 2], values: [0, 1, 1, 4]))
        #expect(abs(outlier.rangeOverStd - 8.0 / 3) < 1e-5)
        #expect(abs(outlier.extremeShare - 0.5) < 1e-5)
        let both = try NormalisationExtremes.of(Tensor(shape: [2, 1, 2, 2], values: [0, 1, 2, 3, 0, 1, 1, 4]))
        #expect(abs(both.rangeOverStd - (6 / 5.0.squareRoot() + 8.0 / 3) / 2) < 1e-5)
        #expect(abs(both.extremeShare - 0.375) < 1e-5)
        // Scaling and shifting the field changes neither (MS3D is affine-invariant).
        let moved = try NormalisationExtremes.of(Tensor(shape: [1, 1, 2, 2], values: [-7, -4.5, -4.5, 3]))
        #expect(abs(moved.extremeShare - 0.5) < 1e-4 && abs(moved.rangeOverStd - 8.0 / 3) < 1e-4)
    }

    /// A constant field has no spread and no gradient: both values are 0, not NaN.
    @Test func extremesOfAConstantFieldAreZero() throws {
        let e = try NormalisationExtremes.of(Tensor(shape: [1, 1, 2, 2], values: [2, 2, 2, 2]))
        #expect(e.rangeOverStd == 0 && e.extremeShare == 0)
    }

    /// D(x) = w·x + b: ∇ₓD = w for every image, so λ·mean‖∇ₓD‖² = λ‖w‖² and ‖∇θ P‖ = 2λ‖w‖ (no
    /// b term). The non-saturating L_D has ∂/∂w = mean_i[−σ(−D(r_i)) r_i + σ(D(f_i)) f_i] and
    /// ∂/∂b = mean_i[−σ(−D(r_i)) + σ(D(f_i))], computed here in Double.
    @Test func penaltyGradientRatioOfALinearDByHand() throws {
        let w: [Double] = [0.5, -1, 0.25, 2], b = 0.1, lambda = 3.0
        let d = DiagnosticsTests.LinearD(weights: w.map(Float.init), bias: Float(b))
        let realValues: [Float] = [1, 0, -1, 2, 0.5, 0.5, 0.5, 0.5]
        let fakeValues: [Float] = [0, 1, 0, -1, -0.5, 0.25, 1, 0]
        let reals = Tensor(shape: [2, 1, 2, 2], values: realValues), fakes = Tensor(shape: [2, 1, 2, 2], values: fakeValues)
        var rng = RandomSource(seed: 1)
        let penalty = GradientSquarePenalty(weight: Float(lambda))
        let ratios = try PenaltyGradientRatio.of(
            discriminator: d, generator: ToyGenerator(using: &rng), loss: NonSaturatingLoss(),
            regularizers: [penalty, GradientSquarePenalty(weight: 1, phase: .generator)],
            reals: reals, latents: Tensor.zeros([2, 4]), fakes: fakes, iteration: 0)
        func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        func logit(_ x: ArraySlice<Float>) -> Double { zip(w, x).reduce(b) { $0 + $1.0 * Double($1.1) } }
        var gw = [Double](repeating: 0, count: 4), gb = 0.0
        for i in 0..<2 {
            let r = realValues[(4 * i)..<(4 * i + 4)], f = fakeValues[(4 * i)..<(4 * i + 4)]
            let pr = -sigmoid(-logit(r)), pf = sigmoid(logit(f))
            for j in 0..<4 { gw[j] += (pr * Double(r[r.startIndex + j]) + pf * Double(f[f.startIndex + j])) / 2 }
            gb += (pr + pf) / 2
        }
        let lossNorm = (gw.reduce(0) { $0 + $1 * $1 } + gb * gb).squareRoot()
        let penaltyNorm = 2 * lambda * w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(ratios.keys.sorted() == ["square"])  // the generator-phase one is left out
        #expect(abs(ratios["square"]! / (penaltyNorm / lossNorm) - 1) < 1e-5)
        #expect(penalty.calls == 0)  // its state was restored
    }

    /// The ratio calls every D regularizer's penalty; measuring at every iteration still leaves
    /// the run as it is without diagnostics, including a stateful regularizer's state.
    @Test func measuringWithAStatefulRegularizerDoesNotChangeTheRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-ms3d-diag-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = Toy.data()
        let watchedPenalty = GradientSquarePenalty(weight: 0.5), plainPenalty = GradientSquarePenalty(weight: 0.5)
        let watched = try Toy.builder().regularizer(watchedPenalty).build()
        let plain = try Toy.builder().regularizer(plainPenalty).build()
        let writer = DiagnosticsWriter(directory: directory, diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8), every: 1)
        try watched.train(on: data, iterations: 4, observers: [writer])
        try plain.train(on: data, iterations: 4)
        #expect(writer.records.allSatisfy { ($0.penaltyGradientRatio?["square"] ?? 0) > 0 })
        #expect(watchedPenalty.calls == plainPenalty.calls && plainPenalty.calls >= 4)
        #expect(watched.discriminator.parameters().map(\.value.scalars) == plain.discriminator.parameters().map(\.value.scalars))
    }

    /// Through the training diagnostics: the record carries the ratio, the normalisation's
    /// extremes of the fixed reals' ∇ₓD (= w for the linear D: [0.5, −1, 0.25, 2] → share of
    /// the arg-max 2 and arg-min −1), and D(x) − D(G(z)) on the fixed batches.
    @Test func measurementCarriesTheMS3DDiagnostics() throws {
        var rng = RandomSource(seed: 5)
        let training = TensorDataset(Tensor.uniform([6, 1, 2, 2], low: -1, high: 1, using: &rng))
        let d = DiagnosticsTests.LinearD(weights: [0.5, -1, 0.25, 2], bias: 0.1)
        let diagnostics = TrainingDiagnostics(training: training, heldOut: nil, batch: 4)
        let (record, _) = try diagnostics.measure(generator: ToyGenerator(using: &rng), discriminator: d, iteration: 3,
                                                  loss: NonSaturatingLoss(), regularizers: [GradientSquarePenalty(weight: 2)])
        let expected = try NormalisationExtremes.of(Tensor(shape: [1, 1, 2, 2], values: [0.5, -1, 0.25, 2]))
        #expect(abs(record.fieldExtremeShare! - expected.extremeShare) < 1e-6)
        #expect(abs(record.fieldRangeOverStd! - expected.rangeOverStd) < 1e-6)
        #expect(record.penaltyGradientRatio!["square"]! > 0)
        #expect(abs(record.outputGap! - (record.trainingRealOutput - record.fakeOutput!)) < 1e-12)
        let withoutLoss = try diagnostics.measure(generator: ToyGenerator(using: &rng), discriminator: d, iteration: 3).record
        #expect(withoutLoss.penaltyGradientRatio == nil)
    }
}
