import Foundation
import GANTensor
import Testing

/// Tensor.tanh (the vectorised polynomial of CKernels' gk_tanh) against the float64 tanh of
/// Foundation, in units in the last place of the float32 result.
@Suite struct TanhAccuracyTests {
    static func ulpError(_ x: Float) -> Double {
        let value = Tensor(shape: [1], values: [x]).tanh().scalars[0]
        let exact = Foundation.tanh(Double(x))
        return abs(Double(value) - exact) / Double(Float(exact).ulp == 0 ? Float.leastNonzeroMagnitude : Float(exact).ulp)
    }

    @Test func withinThreeUlpFromZeroToBeyondSaturation() {
        // Dense around the branch point 0.3 and spread over the whole range, both signs.
        var xs: [Float] = (0..<20_000).map { Float($0) * 0.0005 }
        xs += (0..<2_000).map { 0.29 + Float($0) * 0.00001 }
        xs += [1e-30, 1e-10, 1e-5, 8.999, 9, 9.001, 20, 1e6]
        xs += xs.map { -$0 }
        let values = Tensor(shape: [xs.count], values: xs).tanh().scalars
        var worst = 0.0, worstAt: Float = 0
        for (x, value) in zip(xs, values) {
            let exact = Foundation.tanh(Double(x))
            let ulp = Double(Float(exact).ulp)
            let error = abs(Double(value) - exact) / Swift.max(ulp, Double(Float.leastNonzeroMagnitude))
            if error > worst { (worst, worstAt) = (error, x) }
        }
        #expect(worst <= 3, "worst error \(worst) ulp at x = \(worstAt)")
    }

    @Test func keepsSignedZeroInfinityAndNaN() {
        let values = Tensor(shape: [5], values: [0, -0.0, .infinity, -.infinity, .nan]).tanh().scalars
        #expect(values[0] == 0 && values[0].sign == .plus)
        #expect(values[1] == 0 && values[1].sign == .minus)
        #expect(values[2] == 1 && values[3] == -1)
        #expect(values[4].isNaN)
    }
}
