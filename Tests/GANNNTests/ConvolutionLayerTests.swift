import GANNN
import GANTensor
import GANTestSupport
import Testing

@Suite struct ConvolutionLayerTests {
    @Test func conv2dSumsWindowsAndAddsBias() {
        var rng = RandomSource(seed: 1)
        let conv = Conv2d(1, 2, kernelSize: 2, using: &rng)
        conv.weight.assign(Tensor(shape: [2, 1, 2, 2], values: [1, 1, 1, 1, 1, 0, 0, -1]))
        conv.bias!.assign(Tensor([0.5, 0]))
        let x = Tensor(shape: [1, 1, 3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let y = conv(x)
        #expect(y.shape == [1, 2, 2, 2])
        #expect(y.scalars == [12.5, 16.5, 24.5, 28.5, -4, -4, -4, -4])
    }

    @Test func convTranspose2dSpreadsEachPixelOverItsBlock() {
        var rng = RandomSource(seed: 2)
        let up = ConvTranspose2d(1, 1, kernelSize: 2, stride: 2, using: &rng)
        up.weight.assign(Tensor(shape: [1, 1, 2, 2], values: [1, 2, 3, 4]))
        up.bias!.assign(Tensor([1]))
        let y = up(Tensor(shape: [1, 1, 2, 2], values: [1, 10, 100, 0]))
        #expect(y.shape == [1, 1, 4, 4])
        #expect(y.scalars == [2, 3, 11, 21,
                              4, 5, 31, 41,
                              101, 201, 1, 1,
                              301, 401, 1, 1])
    }

    @Test func weightsHavePyTorchLayoutsAndDefaultBounds() {
        var rng = RandomSource(seed: 3)
        let conv = Conv2d(3, 8, kernelSize: 4, stride: 2, padding: 1, using: &rng)
        let up = ConvTranspose2d(8, 3, kernelSize: 4, stride: 2, padding: 1, using: &rng)
        #expect(conv.weight.shape == [8, 3, 4, 4] && up.weight.shape == [8, 3, 4, 4])
        #expect(conv.namedParameters().map(\.0) == ["weight", "bias"])
        #expect(conv(Tensor.zeros([2, 3, 16, 16])).shape == [2, 8, 8, 8])
        #expect(up(Tensor.zeros([2, 8, 8, 8])).shape == [2, 3, 16, 16])
        // fan_in = in·k² = 48 for Conv2d and, in PyTorch's convention, out·k² = 48 for the transpose.
        let bound = 1 / Float(48).squareRoot()
        for p in conv.parameters() + up.parameters() {
            #expect(p.value.scalars.allSatisfy { abs($0) <= bound }, "\(p.name)")
        }
    }

    @Test func spectralNormViewsATransposedConvolutionByItsOutputChannels() {
        var rng = RandomSource(seed: 4)
        let sn = SpectralNorm(ConvTranspose2d(3, 5, kernelSize: 2, using: &rng), using: &rng)
        #expect(sn.u.shape == [5] && sn.v.shape == [12])
        // The [out, in·k²] matrix of the [in, out, k, k] weight.
        let matrix = sn.layer.weight.value.permuted([1, 0, 2, 3]).reshaped([5, 12]).scalars
        for _ in 0..<300 { _ = sn.normalisedWeight() }
        let exact = SpectralNormTests.largestSingularValue(matrix, rows: 5, columns: 12)
        #expect(abs(Double(sn.sigma) - exact) < 1e-4 * exact, "σ = \(sn.sigma), exact \(exact)")
    }

    @Test func spectrallyNormalisedConvPassesSecondOrderInputCheck() throws {
        var rng = RandomSource(seed: 5)
        let sn = SpectralNorm(Conv2d(2, 3, kernelSize: 3, padding: 1, using: &rng), using: &rng)
        sn.eval()
        let x = Tensor.uniform([2, 2, 4, 4], low: -1, high: 1, using: &rng)
        let f: ([Tensor]) -> Tensor = { xs in sn(xs[0]).tanh() }
        let first = try GradCheck.firstOrder([x], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([x], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }
}
