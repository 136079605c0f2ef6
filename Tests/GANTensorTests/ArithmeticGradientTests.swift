import GANTensor
import GANTestSupport
import Testing

/// First- and second-order finite-difference checks of the broadcasting arithmetic.
@Suite struct ArithmeticGradientTests {
    static func sample(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: low, high: high, using: &rng)
    }

    @Test(arguments: [
        ([2, 3, 4], [2, 3, 4]), ([2, 3, 4], [4]), ([2, 1, 4], [3, 1]), ([3, 1], [1]), ([5], [])
    ])
    func broadcastingOpsPassFirstAndSecondOrderChecks(shapes: ([Int], [Int])) throws {
        let a = Self.sample(shapes.0, seed: 1)
        let b = Self.sample(shapes.1, seed: 2, low: 0.5, high: 1.5)
        let f: ([Tensor]) -> Tensor = { x in (x[0] + x[1]) * (x[0] - x[1]) / x[1] * x[0] }
        let first = try GradCheck.firstOrder([a, b], f)
        #expect(first.relativeError < 2e-3, "\(first)")
        let second = try GradCheck.secondOrder([a, b], f)
        #expect(second.relativeError < 2e-3, "\(second)")
    }

    @Test func scalarOpsMatchTheirTensorForms() {
        let a = Self.sample([3, 2], seed: 3)
        #expect((a * 2 + 1 - 0.5).scalars == ((a * Tensor(2)) + Tensor(0.5)).scalars)
    }

    @Test func gradCheckRejectsAPullbackThatIsOnePercentOff() throws {
        let x = Self.sample([4, 5], seed: 4)
        let wrongSquare: ([Tensor]) -> Tensor = { xs in
            let v = xs[0]
            let y = Autodiff.withoutRecording { v * v }
            return Tensor.differentiableOp(y, name: "wrongSquare", inputs: [v]) { g in [g * v * 2.02] }
        }
        let report = try GradCheck.firstOrder([x], wrongSquare)
        #expect(report.relativeError > 2e-3, "\(report)")
    }
}
