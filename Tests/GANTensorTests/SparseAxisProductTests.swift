import GANTensor
import GANTestSupport
import Testing

/// `applying(_:alongAxis:)`, a constant sparse matrix along one axis: values against the dense
/// product, the transpose, adjointness of the pullback, and first- and second-order gradients.
@Suite struct SparseAxisProductTests {
    /// A 5×4 banded matrix with a repeated column in a row's neighbourhood, a zero row and a
    /// negative entry: the shape of ADA's pad-and-upsample maps.
    static let dense: [Float] = [
        0.5, 0.25, 0, 0,
        0, 1, -0.75, 0,
        0, 0, 0, 0,
        0, 0, 2, 0.5,
        0.125, 0, 0, 1.5,
    ]
    static let matrix = SparseAxisMatrix(rows: 5, columns: 4, dense: dense)

    /// out[…, r, …] = Σ_c A[r, c]·x[…, c, …], computed here by hand in Double along each axis
    /// of a rank-3 tensor (inner extents 1, 3 and 6).
    @Test(arguments: [0, 1, 2, -1])
    func equalsTheDenseProductAlongEveryAxis(axis: Int) {
        let a = (axis + 3) % 3
        var shape = [3, 2, 6]
        shape[a] = 4
        let x = TestInputs.uniform(shape, seed: 11)
        let y = x.applying(Self.matrix, alongAxis: axis)
        var outShape = shape
        outShape[a] = 5
        #expect(y.shape == outShape)
        let xs = x.scalars, (outer, inner) = (shape[..<a].reduce(1, *), shape[(a + 1)...].reduce(1, *))
        var expected = [Float]()
        for o in 0..<outer {
            for r in 0..<5 {
                for i in 0..<inner {
                    let sum = (0..<4).reduce(0.0) { $0 + Double(Self.dense[r * 4 + $1]) * Double(xs[(o * 4 + $1) * inner + i]) }
                    expected.append(Float(sum))
                }
            }
        }
        expectValues(y, expected, shape: outShape, tolerance: 1e-6)
    }

    @Test func storesOnlyTheNonZerosAndTransposes() {
        #expect(Self.matrix.nonZeroCount == 8)
        let t = Self.matrix.transposed
        #expect(t.rows == 4 && t.columns == 5)
        let transposedDense = (0..<4).flatMap { c in (0..<5).map { r in Self.dense[r * 4 + c] } }
        #expect(t == SparseAxisMatrix(rows: 4, columns: 5, dense: transposedDense))
        #expect(t.transposed == Self.matrix)
    }

    /// ⟨A x, g⟩ = ⟨x, pullback(g)⟩ along an inner and the last axis.
    @Test(arguments: [1, 2])
    func pullbackIsTheAdjoint(axis: Int) throws {
        var shape = [2, 3, 3]
        shape[axis] = 4
        let x = TestInputs.uniform(shape, seed: 12).requiringGradient()
        let y = x.applying(Self.matrix, alongAxis: axis)
        let g = TestInputs.uniform(y.shape, seed: 13)
        let adjoint = try (y * g).sum().gradients(wrt: [x])[0]
        #expect(adjoint.shape == x.shape)
        let lhs = zip(y.scalars, g.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(x.scalars, adjoint.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.max(1, Swift.abs(lhs)), "\(lhs) vs \(rhs)")
    }

    @Test(arguments: [0, 2, 3])
    func passesFirstAndSecondOrderChecks(axis: Int) throws {
        var shape = [2, 3, 3, 2]
        shape[axis] = 4
        try expectGradientsMatch([TestInputs.uniform(shape, seed: 14)]) { $0[0].applying(Self.matrix, alongAxis: axis) }
    }

    /// Two products in a row (width, then height), as ADA's sym6 path resamples a plane.
    @Test func composedAlongTwoAxesPassesFirstAndSecondOrderChecks() throws {
        let x = TestInputs.uniform([1, 2, 4, 4], seed: 15)
        try expectGradientsMatch([x]) { $0[0].applying(Self.matrix, alongAxis: 3).applying(Self.matrix.transposed.transposed, alongAxis: 2) }
    }
}
