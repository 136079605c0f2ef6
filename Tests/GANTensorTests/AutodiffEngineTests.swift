import GANTensor
import Testing

/// The behaviour of the differentiation engine itself, independent of any one op.
@Suite struct AutodiffEngineTests {
    static func leaf(_ values: [Float]) -> Tensor { Tensor(values).requiringGradient() }

    @Test func gradientOfAnUnusedInputIsZeros() throws {
        let x = Self.leaf([1, 2, 3]), unused = Tensor(shape: [2, 2], values: [1, 2, 3, 4]).requiringGradient()
        let grads = try (x * x).sum().gradients(wrt: [x, unused])
        #expect(grads[0].scalars == [2, 4, 6])
        #expect(grads[1].shape == [2, 2])
        #expect(grads[1].scalars == [0, 0, 0, 0])
    }

    @Test func gradientsWithRespectToAConstantThrowNotDifferentiable() throws {
        let x = Self.leaf([1, 2]), constant = Tensor([3, 4])
        let y = (x * constant).sum()
        let error = #expect(throws: AutodiffError.self) { try y.gradients(wrt: [x, constant]) }
        guard case .notDifferentiable(let what)? = error else {
            Issue.record("expected notDifferentiable, got \(String(describing: error))")
            return
        }
        #expect(what.contains("target 1"))
    }

    @Test func gradientsOfAConstantOutputThrowNotDifferentiable() throws {
        let x = Self.leaf([1, 2])
        let constantOutput = Tensor([5]).sum()
        let error = #expect(throws: AutodiffError.self) { try constantOutput.gradients(wrt: [x]) }
        guard case .notDifferentiable? = error else {
            Issue.record("expected notDifferentiable, got \(String(describing: error))")
            return
        }
    }

    @Test func aNonScalarOutputNeedsASeedOfItsShape() throws {
        let x = Self.leaf([1, 2, 3])
        let y = x * x
        #expect(throws: AutodiffError.nonScalarOutput(shape: [3])) { try y.gradients(wrt: [x]) }
        #expect(throws: AutodiffError.seedShapeMismatch(output: [3], seed: [2])) {
            try y.gradients(wrt: [x], seed: Tensor([1, 1]))
        }
        let seeded = try y.gradients(wrt: [x], seed: Tensor([1, 0, -1]))
        #expect(seeded[0].scalars == [2, 0, -6])
    }

    @Test func backwardAccumulatesAcrossCallsUntilZeroed() throws {
        let x = Self.leaf([1, -2])
        let y = (x * x * 3).sum()
        try y.backward()
        #expect(x.grad?.scalars == [6, -12])
        try y.backward()
        #expect(x.grad?.scalars == [12, -24])
        x.zeroGradient()
        #expect(x.grad == nil)
        try y.backward()
        #expect(x.grad?.scalars == [6, -12])
    }

    @Test func withoutRecordingRecordsNothing() {
        let x = Self.leaf([1, 2])
        #expect(Autodiff.recording)
        let (inside, recordingInside) = Autodiff.withoutRecording { ((x * x).exp().sum(), Autodiff.recording) }
        #expect(!recordingInside)
        #expect(!inside.requiresGradient)
        #expect(Autodiff.recording)
        #expect((x * x).requiresGradient)
    }

    @Test func aGradientIsRecordedOnlyWithCreateGraph() throws {
        let x = Self.leaf([0.5, -1])
        let y = (x * x * x).sum()
        let constant = try y.gradients(wrt: [x], createGraph: false)[0]
        #expect(!constant.requiresGradient)
        let recorded = try y.gradients(wrt: [x], createGraph: true)[0]
        #expect(recorded.requiresGradient)
        // d/dx Σ 3x² = 6x
        let secondDerivative = try recorded.sum().gradients(wrt: [x])[0]
        #expect(secondDerivative.scalars == [3, -6])
    }

    @Test func differentiatingAFirstOrderOnlyGradientAgainThrows() throws {
        let x = Self.leaf([0.5, 2])
        // x³ with a correct first derivative that is not itself recorded.
        let cube = Tensor.differentiableOp(Autodiff.withoutRecording { x * x * x }, name: "cube", inputs: [x],
                                           firstOrderOnly: true) { g in
            [g * Autodiff.withoutRecording { x * x * 3 }]
        }
        let gradient = try cube.sum().gradients(wrt: [x], createGraph: true)[0]
        #expect(gradient.scalars == [0.75, 12])
        #expect(throws: AutodiffError.notDifferentiableAgain(op: "cube")) {
            try (gradient * gradient).sum().gradients(wrt: [x])
        }
        #expect(throws: AutodiffError.notDifferentiableAgain(op: "cube")) {
            try (gradient * gradient).sum().backward()
        }
    }

    @Test func aTargetInsideTheGraphGetsItsOwnGradientAndTheLeafTheTotal() throws {
        let x = Self.leaf([2])
        let h = x * x
        let y = (h * x).sum()
        let grads = try y.gradients(wrt: [h, x])
        #expect(grads[0].scalars == [2])      // ∂y/∂h = x
        #expect(grads[1].scalars == [12])     // dy/dx = 3x²
    }
}
