import GANCore
import GANMetrics
import Testing

/// FID against pytorch-fid's formula (scipy sqrtm and eigenvalue forms) and closed forms.
@Suite struct FrechetInceptionDistanceTests {
    @Test(arguments: MetricFixture.all.indices)
    func matchesPytorchFIDOnSeededFeatures(_ index: Int) throws {
        let f = MetricFixture.all[index]
        let fid = try FrechetInceptionDistance.distance(MetricFixture.features(f.real), MetricFixture.features(f.fake))
        #expect(isClose(fid, f.fid_eigh, relative: 1e-9), "\(f.name): \(fid) against eigh \(f.fid_eigh)")
        #expect(isClose(fid, f.fid_sqrtm, relative: 1e-9), "\(f.name): \(fid) against sqrtm \(f.fid_sqrtm)")
    }

    @Test func ofASetWithItselfIsZero() throws {
        let x = MetricFixture.features(MetricFixture.all[0].real)
        #expect(abs(try FrechetInceptionDistance.distance(x, x)) < 1e-9)
    }

    @Test func ofTwoDiagonalGaussiansHasTheClosedForm() throws {
        // N(μ₁, diag(a)) and N(μ₂, diag(b)): FID = ‖μ₁ − μ₂‖² + Σ (√aᵢ − √bᵢ)².
        let s1 = DoubleMatrix(rows: 3, columns: 3, values: [4, 0, 0, 0, 1, 0, 0, 0, 9])
        let s2 = DoubleMatrix(rows: 3, columns: 3, values: [1, 0, 0, 0, 1, 0, 0, 0, 16])
        let trace = try FrechetInceptionDistance.traceOfSquareRootOfProduct(s1, s2)
        #expect(abs(trace - (2 + 1 + 12)) < 1e-10)
    }

    @Test func ofTwoSetsWithDiagonalCovarianceHasTheClosedForm() throws {
        // {μ ± (a, 0), μ ± (0, b)} has mean μ and covariance diag(2a²/3, 2b²/3) (N − 1 = 3).
        func set(_ mu: (Float, Float), _ a: Float, _ b: Float) -> Tensor {
            Tensor(shape: [4, 2], values: [mu.0 + a, mu.1, mu.0 - a, mu.1, mu.0, mu.1 + b, mu.0, mu.1 - b])
        }
        let fid = try FrechetInceptionDistance.distance(set((1, 2), 3, 1), set((-1, 0), 1, 2))
        let s = (2.0 / 3).squareRoot()
        let expected = 4.0 + 4.0 + (3 * s - 1 * s) * (3 * s - 1 * s) + (1 * s - 2 * s) * (1 * s - 2 * s)
        #expect(abs(fid - expected) < 1e-9, "\(fid) against \(expected)")
    }
}
