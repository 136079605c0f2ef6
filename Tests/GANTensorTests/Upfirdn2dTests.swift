import GANTensor
import GANTestSupport
import Testing

/// One upfirdn2d geometry.
struct UpfirdnCase: CustomTestStringConvertible, Sendable {
    let input: [Int], filter: FIRFilter, up: Int, down: Int, padding: FIRPadding
    var flipFilter = false, gain: Float = 1
    var testDescription: String { "x\(input) f\(filter.height)×\(filter.width) up \(up) down \(down) \(padding)" }
    func apply(_ x: Tensor) -> Tensor {
        x.upfirdn2d(filter, up: up, down: down, padding: padding, flipFilter: flipFilter, gain: gain)
    }
}

/// upfirdn2d and its helpers: first- and second-order finite-difference checks (of f and f³,
/// through `expectGradientsMatch`), the adjoint identity of the pullback, and known values.
@Suite struct Upfirdn2dTests {
    static let asymmetric = FIRFilter(height: 2, width: 3, taps: [0.5, -1, 0.25, 2, 0.75, -0.5])

    static let cases = [
        UpfirdnCase(input: [2, 2, 4, 5], filter: .stylegan2, up: 2, down: 1, padding: FIRPadding(x0: 2, x1: 1, y0: 2, y1: 1), gain: 4),
        UpfirdnCase(input: [2, 2, 6, 7], filter: .stylegan2, up: 1, down: 2, padding: FIRPadding(1)),
        UpfirdnCase(input: [1, 2, 5, 6], filter: asymmetric, up: 1, down: 1, padding: FIRPadding(x0: -1, x1: 2, y0: 0, y1: -1),
                    flipFilter: true, gain: 1.5),
        UpfirdnCase(input: [1, 3, 5, 4], filter: .stylegan2, up: 2, down: 2, padding: FIRPadding(x0: 1, x1: 2, y0: 0, y1: 3)),
        UpfirdnCase(input: [2, 1, 5, 5], filter: asymmetric, up: 2, down: 2, padding: FIRPadding(x0: 0, x1: -1, y0: 2, y1: 0)),
    ]

    @Test(arguments: cases)
    func passesFirstAndSecondOrderChecks(_ c: UpfirdnCase) throws {
        let x = TestInputs.uniform(c.input, seed: 3)
        try expectGradientsMatch([x]) { c.apply($0[0]) }
    }

    /// ⟨upfirdn2d(x), g⟩ = ⟨x, pullback(g)⟩: the padding formula of the adjoint is right for
    /// every geometry, including outputs that drop a remainder under downsampling.
    @Test(arguments: cases)
    func pullbackIsTheAdjoint(_ c: UpfirdnCase) throws {
        let x = TestInputs.uniform(c.input, seed: 5).requiringGradient()
        let y = c.apply(x)
        let g = TestInputs.uniform(y.shape, seed: 6)
        let adjoint = try (y * g).sum().gradients(wrt: [x])[0]
        #expect(adjoint.shape == x.shape)
        let lhs = zip(y.scalars, g.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(x.scalars, adjoint.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(Swift.abs(lhs - rhs) <= 1e-5 * Swift.max(1, Swift.abs(lhs)), "\(lhs) vs \(rhs)")
    }

    /// A filter made from 1-D taps runs in two passes; given as its 2-D taps it runs in one.
    /// Both must agree in every geometry.
    @Test(arguments: cases)
    func separablePassesEqualTheDirectFilter(_ c: UpfirdnCase) {
        let x = TestInputs.uniform(c.input, seed: 7)
        let separable = FIRFilter([1, 3, 3, 1])
        let direct = FIRFilter(height: 4, width: 4, taps: separable.taps)
        #expect(separable == direct)
        let a = x.upfirdn2d(separable, up: c.up, down: c.down, padding: c.padding, flipFilter: c.flipFilter, gain: c.gain)
        let b = x.upfirdn2d(direct, up: c.up, down: c.down, padding: c.padding, flipFilter: c.flipFilter, gain: c.gain)
        #expect(a.shape == b.shape)
        let worst = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-6, "max difference \(worst)")
    }

    @Test func setupFilterNormalisesTheOuterProduct() {
        let f = FIRFilter.stylegan2
        #expect(f.height == 4 && f.width == 4)
        #expect(f.taps[0] == 1 / 64 && f.taps[5] == 9 / 64 && f.taps[3] == 1 / 64)
        #expect(Swift.abs(f.taps.reduce(0, +) - 1) < 1e-6)
    }

    /// Up- and downsampling keep a constant image constant away from the border (the gain up²
    /// compensates the inserted zeros), and the sizes are the official ones.
    @Test func resamplingHelpersKeepAConstantImage() {
        let x = Tensor(shape: [1, 1, 6, 6], repeating: 2)
        let up = x.upsample2d()
        #expect(up.shape == [1, 1, 12, 12])
        #expect(Swift.abs(up[0, 0, 5, 6] - 2) < 1e-6)
        let down = x.downsample2d()
        #expect(down.shape == [1, 1, 3, 3])
        #expect(Swift.abs(down[0, 0, 1, 1] - 2) < 1e-6)
        let filtered = x.filter2d()
        #expect(filtered.shape == [1, 1, 6, 6])
        #expect(Swift.abs(filtered[0, 0, 3, 3] - 2) < 1e-6)
    }

    /// Hand-computed cases: one impulse, upsampled by 2 without padding, comes out as the filter
    /// (convolution) or the filter rotated by 180° (correlation, `flipFilter`), placed at the
    /// impulse's upsampled position (2, 2) minus the filter's last index.
    @Test func impulseResponseIsTheFilterOrItsRotation() {
        var x = Tensor.zeros([1, 1, 3, 3])
        x.withUnsafeMutableBufferPointer { $0[4] = 1 }
        let f = FIRFilter([1, 2], normalize: false)      // [[1, 2], [2, 4]]
        let convolved = x.upfirdn2d(f, up: 2)
        #expect(convolved.shape == [1, 1, 5, 5])
        expectValues(convolved.slice([1..<3, 1..<3]), [1, 2, 2, 4], shape: [1, 1, 2, 2])
        #expect(convolved.scalars.reduce(0, +) == 9)
        let correlated = x.upfirdn2d(f, up: 2, flipFilter: true)
        expectValues(correlated.slice([1..<3, 1..<3]), [4, 2, 2, 1], shape: [1, 1, 2, 2])
    }
}
