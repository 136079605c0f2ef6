import GANTensor
import GANTestSupport
import Testing

/// The geometry of one convolution test case: input, weight, stride, padding (rows, and
/// columns when they differ).
struct ConvCase: CustomTestStringConvertible, Sendable {
    let input: [Int], weight: [Int], stride: Int, padding: Int
    var paddingWidth: Int? = nil
    var outputPadding = 0
    var pad: (Int, Int) { (padding, paddingWidth ?? padding) }
    var testDescription: String { "x\(input) w\(weight) s\(stride) p\(pad) op\(outputPadding)" }
}

/// First- and second-order finite-difference checks of conv2d, convTranspose2d and
/// conv2dWeightGradient, and the adjoint identities that tie the three together.
@Suite struct ConvolutionGradientTests {
    static func sample(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: -scale, high: scale, using: &rng)
    }

    /// Expects `f` to pass the first- and second-order finite-difference checks at `inputs`
    /// (relative error below 2e-3).
    static func expectFirstAndSecondOrderChecks(_ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation,
                                                _ f: @escaping ([Tensor]) -> Tensor) throws {
        let first = try GradCheck.firstOrder(inputs, f)
        #expect(first.relativeError < 2e-3, "\(first)", sourceLocation: sourceLocation)
        let second = try GradCheck.secondOrder(inputs, f)
        #expect(second.relativeError < 2e-3, "\(second)", sourceLocation: sourceLocation)
    }

    /// Σ a·b in Double.
    static func dot(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static let convCases = [
        ConvCase(input: [2, 3, 5, 5], weight: [4, 3, 3, 3], stride: 1, padding: 1),
        ConvCase(input: [2, 2, 6, 6], weight: [3, 2, 4, 4], stride: 2, padding: 1),
        ConvCase(input: [1, 2, 5, 7], weight: [2, 2, 3, 3], stride: 2, padding: 0),
        ConvCase(input: [3, 2, 4, 5], weight: [2, 2, 2, 3], stride: 1, padding: 2),
        ConvCase(input: [2, 3, 8, 8], weight: [2, 3, 4, 4], stride: 2, padding: 1),
        ConvCase(input: [1, 2, 7, 8], weight: [2, 2, 3, 2], stride: 3, padding: 1),
        // Inception-v3's factorised kernels with per-axis padding.
        ConvCase(input: [2, 3, 5, 7], weight: [4, 3, 1, 3], stride: 1, padding: 0, paddingWidth: 1),
        ConvCase(input: [1, 2, 7, 5], weight: [3, 2, 7, 1], stride: 1, padding: 3, paddingWidth: 0),
        ConvCase(input: [2, 2, 6, 6], weight: [2, 2, 1, 7], stride: 1, padding: 0, paddingWidth: 3),
        ConvCase(input: [1, 2, 7, 6], weight: [2, 2, 3, 1], stride: 2, padding: 1, paddingWidth: 0),
        // 1×1 over planes of ≥ 256 outputs: conv2d's direct path without a gather.
        ConvCase(input: [2, 3, 16, 17], weight: [4, 3, 1, 1], stride: 1, padding: 0),
        // 1×1 over small planes: several samples per tile, the gather a swap of leading axes.
        ConvCase(input: [3, 4, 3, 5], weight: [5, 4, 1, 1], stride: 1, padding: 0),
        // 3×3, stride 1, padding 1, ≥ 8 channels, even planes: all three ops on Winograd F(2×2, 3×3);
        // plane sides multiples of 4: on F(4×4, 3×3).
        ConvCase(input: [2, 8, 4, 6], weight: [9, 8, 3, 3], stride: 1, padding: 1),
        ConvCase(input: [2, 8, 4, 8], weight: [9, 8, 3, 3], stride: 1, padding: 1),
    ]

    static let transposedCases = [
        ConvCase(input: [2, 3, 3, 3], weight: [3, 2, 4, 4], stride: 2, padding: 1),
        ConvCase(input: [1, 2, 3, 4], weight: [2, 3, 3, 3], stride: 2, padding: 1, outputPadding: 1),
        ConvCase(input: [2, 2, 4, 3], weight: [2, 2, 3, 2], stride: 1, padding: 0),
        ConvCase(input: [3, 3, 1, 1], weight: [3, 2, 4, 4], stride: 1, padding: 0),
        ConvCase(input: [2, 3, 4, 5], weight: [3, 2, 1, 3], stride: 1, padding: 0, paddingWidth: 1),
        ConvCase(input: [1, 2, 3, 3], weight: [2, 2, 3, 1], stride: 2, padding: 1, paddingWidth: 0),
        // 1×1 over a plane of ≥ 256 outputs: the input adjoint's product lands in x̄ directly.
        ConvCase(input: [2, 4, 16, 17], weight: [4, 3, 1, 1], stride: 1, padding: 0),
        // 3×3, stride 1, padding 1, ≥ 8 channels, even planes: Winograd F(2×2, 3×3), and F(4×4, 3×3)
        // on sides that are multiples of 4.
        ConvCase(input: [2, 9, 4, 6], weight: [9, 8, 3, 3], stride: 1, padding: 1),
        ConvCase(input: [2, 9, 8, 4], weight: [9, 8, 3, 3], stride: 1, padding: 1),
    ]

    @Test(arguments: convCases)
    func conv2dPassesFirstAndSecondOrderChecks(_ c: ConvCase) throws {
        let x = Self.sample(c.input, seed: 1, scale: 0.6), w = Self.sample(c.weight, seed: 2, scale: 0.6)
        let f: ([Tensor]) -> Tensor = { t in Tensor.conv2d(t[0], t[1], stride: c.stride, padding: c.pad).tanh() }
        try Self.expectFirstAndSecondOrderChecks([x, w], f)
    }

    @Test(arguments: transposedCases)
    func convTranspose2dPassesFirstAndSecondOrderChecks(_ c: ConvCase) throws {
        let x = Self.sample(c.input, seed: 3, scale: 0.6), w = Self.sample(c.weight, seed: 4, scale: 0.6)
        let f: ([Tensor]) -> Tensor = { t in
            Tensor.convTranspose2d(t[0], t[1], stride: c.stride, padding: c.pad, outputPadding: c.outputPadding).tanh()
        }
        try Self.expectFirstAndSecondOrderChecks([x, w], f)
    }

    @Test(arguments: convCases)
    func conv2dWeightGradientPassesFirstAndSecondOrderChecks(_ c: ConvCase) throws {
        let kernel = (c.weight[2], c.weight[3])
        let outShape = Tensor.conv2d(Tensor.zeros(c.input), Tensor.zeros(c.weight), stride: c.stride, padding: c.pad).shape
        let x = Self.sample(c.input, seed: 5, scale: 0.4), gy = Self.sample(outShape, seed: 6, scale: 0.4)
        let f: ([Tensor]) -> Tensor = { t in
            Tensor.conv2dWeightGradient(input: t[0], outputGradient: t[1], kernelSize: kernel,
                                        stride: c.stride, padding: c.pad).tanh()
        }
        try Self.expectFirstAndSecondOrderChecks([x, gy], f)
    }

    /// ⟨conv2d(x, w), y⟩ = ⟨x, convTranspose2d(y, w)⟩ = ⟨w, conv2dWeightGradient(x, y)⟩.
    @Test(arguments: convCases)
    func theThreeOpsAreAdjointsOfEachOther(_ c: ConvCase) {
        let x = Self.sample(c.input, seed: 7), w = Self.sample(c.weight, seed: 8)
        let y0 = Tensor.conv2d(x, w, stride: c.stride, padding: c.pad)
        let y = Self.sample(y0.shape, seed: 9)
        let xt = Tensor.convTranspose2d(y, w, stride: c.stride, padding: c.pad, outputSize: (c.input[2], c.input[3]))
        let wg = Tensor.conv2dWeightGradient(input: x, outputGradient: y, kernelSize: (c.weight[2], c.weight[3]),
                                             stride: c.stride, padding: c.pad)
        #expect(xt.shape == x.shape && wg.shape == w.shape)
        let reference = Self.dot(y0, y)
        #expect(abs(Self.dot(x, xt) - reference) < 1e-4 * max(1, abs(reference)))
        #expect(abs(Self.dot(w, wg) - reference) < 1e-4 * max(1, abs(reference)))
    }

    @Test func convTranspose2dOutputSizeSelectsAmongTheStrideManySizes() {
        let x = Self.sample([1, 2, 3, 3], seed: 10), w = Self.sample([2, 1, 3, 3], seed: 11)
        let padded = Tensor.convTranspose2d(x, w, stride: 2, padding: 1, outputPadding: 1)
        let sized = Tensor.convTranspose2d(x, w, stride: 2, padding: 1, outputSize: (6, 6))
        #expect(padded.shape == [1, 1, 6, 6])
        #expect(sized.scalars == padded.scalars)
        #expect(Tensor.convTranspose2d(x, w, stride: 2, padding: 1).shape == [1, 1, 5, 5])
    }

    /// A batch whose column matrix exceeds the per-pass budget is convolved in several passes
    /// (here 2 samples, then 1): each op must agree with convolving the samples one by one.
    @Test func multiPassBatchesMatchPerSampleResults() {
        let (n, c, h, o) = (3, 16, 96, 2)
        let x = Self.sample([n, c, h, h], seed: 12), w = Self.sample([o, c, 5, 5], seed: 13)
        let y = Tensor.conv2d(x, w, stride: 1, padding: 2)
        let gy = Self.sample(y.shape, seed: 14)
        let xt = Tensor.convTranspose2d(gy, w, stride: 1, padding: 2)
        let wg = Tensor.conv2dWeightGradient(input: x, outputGradient: gy, kernelSize: (5, 5), stride: 1, padding: 2)
        func sampleOf(_ t: Tensor, _ i: Int) -> Tensor {
            let per = t.count / t.shape[0]
            return Tensor(shape: [1] + t.shape.dropFirst(), values: Array(t.scalars[i * per..<(i + 1) * per]))
        }
        var summedWeightGradient = Tensor.zeros(w.shape)
        for i in 0..<n {
            let yi = Tensor.conv2d(sampleOf(x, i), w, stride: 1, padding: 2)
            #expect(relativeDifference(yi, sampleOf(y, i)) < 1e-6, "conv2d sample \(i)")
            let xi = Tensor.convTranspose2d(sampleOf(gy, i), w, stride: 1, padding: 2)
            #expect(relativeDifference(xi, sampleOf(xt, i)) < 1e-6, "convTranspose2d sample \(i)")
            summedWeightGradient += Tensor.conv2dWeightGradient(input: sampleOf(x, i), outputGradient: sampleOf(gy, i),
                                                                kernelSize: (5, 5), stride: 1, padding: 2)
        }
        #expect(relativeDifference(wg, summedWeightGradient) < 1e-5)
    }
}
