import Foundation
import GANCore
import GANMetrics
import GANTestSupport
import Testing

/// Each diagnostic on a worked example or on `Fixtures/diagnostics_reference.py`'s numbers.
@Suite struct DiagnosticsTests {
    /// D(x) = w·x + b on 1×2×2 images; its features are the flattened pixels.
    final class LinearD: Discriminator {
        let fc: Linear
        let inputSize = ImageSize(channels: 1, height: 2, width: 2)
        init(weights: [Float], bias: Float) {
            var rng = RandomSource(seed: 0)
            fc = Linear(4, 1, using: &rng)
            fc.weight.assign(Tensor(shape: [1, 4], values: weights))
            fc.bias!.assign(Tensor([bias]))
        }
        var children: [(name: String, module: any Module)] { [("fc", fc)] }
        var blocks: [any Module] { [fc] }
        func callAsFunction(_ x: Tensor) -> Tensor { fc(features(x)) }
        func features(_ x: Tensor) -> Tensor { x.flattened() }
    }

    /// D(x) = ½‖x‖² per sample, so ∇ₓD(x) = x.
    final class QuadraticD: Discriminator {
        let inputSize = ImageSize(channels: 1, height: 2, width: 2)
        var blocks: [any Module] { [] }
        func callAsFunction(_ x: Tensor) -> Tensor { features(x).sum(axes: [1], keepDims: true) * 0.5 }
        func features(_ x: Tensor) -> Tensor { x.squared().flattened() }
    }

    @Test func connectedRegionsJoinPixelsTouchingAtACorner() {
        let rows = ["10001", "01001", "00000", "11010", "00001"]
        let mask = rows.flatMap { $0.map { $0 == "1" } }
        let regions = ConnectedRegions(mask: mask, width: 5, height: 5)
        #expect(regions.count == 4)  // 4-connectivity would give 6
        #expect(regions.labels == [1, 0, 0, 0, 2,
                                   0, 1, 0, 0, 2,
                                   0, 0, 0, 0, 0,
                                   3, 3, 0, 4, 0,
                                   0, 0, 0, 0, 4])
    }

    @Test func connectedRegionsOfAnEmptyMaskAreNone() {
        #expect(ConnectedRegions(mask: Array(repeating: false, count: 6), width: 3, height: 2).count == 0)
    }

    @Test func thresholdIsTheLowerQuantile() {
        #expect(PerceptualNarrowing(quantile: 0.5).threshold([5, 1, 4, 2, 3]) == 3)
        #expect(PerceptualNarrowing(quantile: 0.9).threshold([5, 1, 4, 2, 3]) == 4)
    }

    /// scipy.ndimage.label on numpy's lower quantile: 15 regions at q = 0.9, 8 at q = 0.7.
    @Test func narrowingRatioMatchesScipy() {
        let map = (0..<256).map { i -> Float in
            let x = Double(i)
            return Float(abs(sin(0.37 * x) * cos(0.011 * x * x)))
        }
        let magnitudes = Tensor(shape: [1, 1, 16, 16], values: map)
        #expect(PerceptualNarrowing(quantile: 0.9).ratios(magnitudes) == [15.0 / 256])
        #expect(PerceptualNarrowing(quantile: 0.7).ratios(magnitudes) == [8.0 / 256])
    }

    @Test func magnitudeIsTheNormOverChannels() {
        let g = Tensor(shape: [1, 2, 1, 2], values: [3, 0, 4, -2])
        #expect(InputGradient.magnitude(g).scalars == [5, 2])
    }

    /// docs/methods.md's worked example: the 4×4 field 0…15 has SD₀ = 0.0188889.
    @Test func selfDissimilarityMatchesTheWorkedExample() {
        let sd = GradientSelfDissimilarity().perScale(Tensor(shape: [1, 1, 4, 4], values: (0..<16).map(Float.init)))
        #expect(sd.count == 2)
        #expect(abs(sd[0] - 0.0188889) < 1e-6)
    }

    /// The padded case (3·4·4 = 48 values → 8×8) against numpy.
    @Test func selfDissimilarityMatchesNumpyWithPadding() {
        let g = Tensor(shape: [2, 3, 4, 4], values: (0..<96).map { Float(cos(0.21 * Double($0))) })
        let sd = GradientSelfDissimilarity().perScale(g)
        let expected = [0.063009876, 0.025967019, 0.005295891]
        #expect(sd.count == 3)
        for (a, b) in zip(sd, expected) { #expect(abs(a - b) < 1e-6) }
    }

    /// ∇ₓ(½‖x‖²) = x: norms 5, 1 on the reals and 2, 2 on the fakes; R = ((5−2)² + (1−2)²)/2.
    @Test func gradientGapOfAQuadraticD() throws {
        let reals = Tensor(shape: [2, 1, 2, 2], values: [3, 4, 0, 0, 0, 0, 1, 0])
        let fakes = Tensor(shape: [2, 1, 2, 2], values: [0, 0, 0, 2, 1, 1, 1, 1])
        let d = QuadraticD()
        let gap = GradientGap(realNorms: InputGradient.norms(try InputGradient.of(d, at: reals)),
                              fakeNorms: InputGradient.norms(try InputGradient.of(d, at: fakes)))
        #expect(abs(gap.realNorm - 3) < 1e-6)
        #expect(abs(gap.fakeNorm - 2) < 1e-6)
        #expect(abs(gap.gap - 5) < 1e-5)
    }

    /// D = w·x + b has ∇_θD = (x, 1): tr F = mean p(1 − p)(‖x‖² + 1) with p = σ(D(x)):
    /// D = 4.35 and 0.975, ‖x‖² + 1 = 7 and 2, so tr F = 0.2429019522.
    @Test func fisherTraceOfALinearDByHand() throws {
        let d = LinearD(weights: [0.5, -1, 0.25, 2], bias: 0.1)
        let images = Tensor(shape: [2, 1, 2, 2], values: [1, 0, -1, 2, 0.5, 0.5, 0.5, 0.5])
        #expect(abs(try FisherTrace.of(d, images: images) - 0.2429019522) < 1e-6)
    }

    /// cos of [1,0],[0,1],[1,1] pairwise: 0, 1/√2, 1/√2, mean √2/3.
    @Test func cosineSimilarityOfKnownVectors() {
        let s = EmbeddingSimilarity.meanPairwiseCosine(Tensor(shape: [3, 2], values: [1, 0, 0, 1, 1, 1]))
        #expect(abs(s - 2.0.squareRoot() / 3) < 1e-6)
        #expect(EmbeddingSimilarity.meanPairwiseCosine(Tensor(shape: [2, 2], values: [1, 0, 0, 0])) == 0)
        #expect(abs(EmbeddingSimilarity.meanPairwiseCosine(Tensor(shape: [2, 3], values: [1, 2, 3, 2, 4, 6])) - 1) < 1e-6)
    }

    /// The measurement puts the linear D's values together: D's output on the fixed reals and
    /// on the held-out reals, the features' similarity, and a ratio within (0, 1].
    @Test func measurementOfALinearD() throws {
        var rng = RandomSource(seed: 5)
        let training = TensorDataset(Tensor.uniform([6, 1, 2, 2], low: -1, high: 1, using: &rng))
        let heldOut = TensorDataset(Tensor.uniform([3, 1, 2, 2], low: -1, high: 1, using: &rng))
        let d = LinearD(weights: [0.5, -1, 0.25, 2], bias: 0.1)
        let diagnostics = TrainingDiagnostics(training: training, heldOut: heldOut, batch: 4)
        let (record, magnitudes) = try diagnostics.measure(generator: ToyGenerator(using: &rng), discriminator: d, iteration: 7)
        let reals = training.images(at: [0, 1, 3, 4])
        #expect(diagnostics.reals.scalars == reals.scalars)
        #expect(abs(record.trainingRealOutput - Double(d(reals).mean().item)) < 1e-6)
        #expect(abs(record.heldOutRealOutput! - Double(d(heldOut.tensor).mean().item)) < 1e-6)
        #expect(abs(record.featureCosineSimilarity - EmbeddingSimilarity.meanPairwiseCosine(reals.flattened())) < 1e-9)
        // ∇ₓD = w for every image: the norms agree and the gap is 0.
        let normOfW: Double = (0.25 + 1 + 0.0625 + 4 as Double).squareRoot()
        #expect(abs(record.realGradientNorm - normOfW) < 1e-6)
        #expect(record.gradientGap < 1e-10)
        let w: [Float] = [0.5, 1, 0.25, 2]
        #expect(magnitudes.scalars == w + w + w + w)
        #expect(record.iteration == 7 && record.ms3d == record.selfDissimilarity.reduce(0, +))
    }
}
