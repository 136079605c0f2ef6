import GANTensor
import Testing

/// Float64 linear algebra on OpenBLAS/LAPACK: products, covariance, symmetric eigendecomposition
/// and pairwise distances, against values worked out by hand.
@Suite struct DoubleLinearAlgebraTests {
    @Test func productHonoursTransposeFlags() {
        let a = DoubleMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        let b = DoubleMatrix(rows: 3, columns: 2, values: [7, 8, 9, 10, 11, 12])
        #expect(DoubleMatrix.product(a, b).values == [58, 64, 139, 154])
        #expect(DoubleMatrix.product(a, a, transposeB: true).values == [14, 32, 32, 77])
        #expect(DoubleMatrix.product(a, a, transposeA: true).values == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    }

    @Test func covarianceMatchesNumpyCov() {
        // np.cov([[1, 2], [3, 1], [5, 6]], rowvar=False) = [[4, 4], [4, 7]]; means 3 and 3.
        let x = Tensor(shape: [3, 2], values: [1, 2, 3, 1, 5, 6])
        let (mean, covariance) = x.meanAndCovariance()
        #expect(mean == [3, 3])
        #expect(zip(covariance.values, [4, 4, 4, 7]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func eigendecompositionOfASymmetricMatrix() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        let m = DoubleMatrix(rows: 2, columns: 2, values: [2, 1, 1, 2])
        let e = try SymmetricEigendecomposition(m)
        #expect(abs(e.values[0] - 1) < 1e-12 && abs(e.values[1] - 3) < 1e-12)
        let v = try #require(e.vectors)
        #expect(abs(abs(v[0, 1]) - 0.5.squareRoot()) < 1e-12 && abs(v[0, 1] - v[1, 1]) < 1e-12)
        #expect(abs(v[0, 0] + v[1, 0]) < 1e-12)
        #expect(try SymmetricEigendecomposition(m, vectors: false).vectors == nil)
    }

    @Test func eigenvectorsReconstructTheMatrix() throws {
        let m = DoubleMatrix(rows: 3, columns: 3, values: [4, 1, -2, 1, 3, 0.5, -2, 0.5, 5])
        let e = try SymmetricEigendecomposition(m)
        var scaled = e.vectors!
        for j in 0..<3 { for i in 0..<3 { scaled[i, j] *= e.values[j] } }
        let back = DoubleMatrix.product(scaled, e.vectors!, transposeB: true)
        #expect(zip(back.values, m.values).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(e.values == e.values.sorted())
    }

    @Test func squaredDistancesBetweenRows() {
        let a = DoubleMatrix(rows: 2, columns: 2, values: [0, 0, 3, 4])
        let b = DoubleMatrix(rows: 1, columns: 2, values: [0, 1])
        #expect(DoubleMatrix.squaredDistances(a, b).values == [1, 18])
        #expect(DoubleMatrix.squaredDistances(within: a).values == [0, 25, 25, 0])
    }
}
