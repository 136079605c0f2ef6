@testable import GANTensor
import Testing

/// 1×1 convolutions at stride 1 without padding (StyleGAN2's ToRGB and skip layers) read and
/// write NCHW blocks directly or through a swap of leading axes instead of im2col's phases:
/// all three ops against y_n = W·x_n, x̄_n = Wᵀ·ȳ_n and W̄ = Σ_n ȳ_n·x_nᵀ summed in Double, on
/// planes of ≥ 256 pixels (one sample per tile, no copy) and smaller ones (several per tile).
@Suite struct PointwiseConvolutionTests {
    /// [batch, channels, outChannels, height, width].
    static let shapes: [[Int]] = [[3, 5, 4, 16, 17], [5, 6, 3, 3, 5], [1, 4, 7, 2, 2]]

    /// Σ_k a[i, k]·b[k, j] over the [rows, inner] and [inner, columns] blocks, in Double.
    static func product(_ a: [Float], _ b: [Float], rows: Int, inner: Int, columns: Int, transposeA: Bool = false,
                        transposeB: Bool = false) -> [Double] {
        (0..<rows * columns).map { index in
            let (i, j) = (index / columns, index % columns)
            return (0..<inner).reduce(0.0) { sum, k in
                sum + Double(transposeA ? a[k * rows + i] : a[i * inner + k])
                    * Double(transposeB ? b[j * inner + k] : b[k * columns + j])
            }
        }
    }

    static func maxDifference(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
    }

    @Test(arguments: shapes)
    func theThreeOpsMatchPerSampleProducts(_ s: [Int]) {
        let (n, c, o, h, w) = (s[0], s[1], s[2], s[3], s[4]), plane = h * w
        let g = ConvGeometry(input: [n, c, h, w], kernel: (1, 1), stride: 1, padding: (0, 0), op: "test")
        #expect(g.isPointwise)
        let x = TestInputs.uniform([n, c, h, w], seed: 1), weight = TestInputs.uniform([o, c, 1, 1], seed: 2)
        let gy = TestInputs.uniform([n, o, h, w], seed: 3)
        let (xs, ws, gs) = (x.scalars, weight.scalars, gy.scalars)
        let y = ConvolutionKernels.convolve(x, weight, g).scalars
        let xBar = ConvolutionKernels.convolveTransposed(gy, weight, g).scalars
        let wBar = ConvolutionKernels.weightGradient(x, gy, g).scalars
        var wExpected = [Double](repeating: 0, count: o * c)
        for sample in 0..<n {
            let xn = Array(xs[sample * c * plane..<(sample + 1) * c * plane])
            let gn = Array(gs[sample * o * plane..<(sample + 1) * o * plane])
            let yRange = sample * o * plane..<(sample + 1) * o * plane
            #expect(Self.maxDifference(Array(y[yRange]), Self.product(ws, xn, rows: o, inner: c, columns: plane)) < 1e-5)
            let xRange = sample * c * plane..<(sample + 1) * c * plane
            #expect(Self.maxDifference(Array(xBar[xRange]),
                                       Self.product(ws, gn, rows: c, inner: o, columns: plane, transposeA: true)) < 1e-5)
            let term = Self.product(gn, xn, rows: o, inner: plane, columns: c, transposeB: true)
            for i in 0..<o * c { wExpected[i] += term[i] }
        }
        #expect(Self.maxDifference(wBar, wExpected) < 1e-4)
    }
}
