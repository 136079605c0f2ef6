import GANTensor
import GANTestSupport
import Testing

/// Seeded inputs for the op tests, shaped to stay clear of kinks by more than the
/// finite-difference step (1e-2).
enum TestInputs {
    /// Uniform in [low, high).
    static func uniform(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.uniform(shape, low: low, high: high, using: &rng)
    }

    /// Uniform magnitudes in [0.1, 1) with random signs: at least 0.1 from the kink at 0.
    static func awayFromZero(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor.make(shape) { out in
            for i in out.indices { out[i] = (0.1 + 0.9 * rng.uniform()) * (rng.next() & 1 == 0 ? 1 : -1) }
        }
    }

    /// A shuffled arithmetic sequence with step `spacing`: no two elements tie or come
    /// within `spacing` of each other, so maxima and minima are unique and stable under the
    /// finite-difference step.
    static func distinct(_ shape: [Int], seed: UInt64, spacing: Float = 0.1) -> Tensor {
        var rng = RandomSource(seed: seed)
        let n = Shape.elementCount(shape)
        var values = (0..<n).map { Float($0) * spacing - Float(n) * spacing / 2 }
        values.shuffle(using: &rng)
        return Tensor(shape: shape, values: values)
    }
}

/// Expects `f` to pass the first-order gradient check at `inputs`, and the second-order check
/// of both `f` and `f³` (elementwise). Cubing makes the Hessian of a linear op nonzero, so the
/// pullback of its pullback is exercised; the cubed check must see a nonzero Hessian-vector
/// product, so it cannot pass vacuously.
func expectGradientsMatch(_ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation,
                          _ f: @escaping ([Tensor]) -> Tensor) throws {
    let first = try GradCheck.firstOrder(inputs, f)
    #expect(first.relativeError < 2e-3, "first order: \(first)", sourceLocation: sourceLocation)
    let second = try GradCheck.secondOrder(inputs, f)
    #expect(second.relativeError < 2e-3, "second order: \(second)", sourceLocation: sourceLocation)
    let cubed = try GradCheck.secondOrder(inputs) { xs in
        let y = f(xs)
        return y * y * y
    }
    #expect(cubed.relativeError < 2e-3, "second order of f³: \(cubed)", sourceLocation: sourceLocation)
    #expect(cubed.scale > 1e-3, "second order of f³ is vacuous: \(cubed)", sourceLocation: sourceLocation)
}

/// max |a − b| / max |b|, after expecting equal shapes (the reference b all zeros gives |a − b|
/// over the least normal float).
func relativeDifference(_ a: Tensor, _ b: Tensor, sourceLocation: SourceLocation = #_sourceLocation) -> Float {
    #expect(a.shape == b.shape, sourceLocation: sourceLocation)
    let scale = b.scalars.map(abs).max() ?? 0
    let error = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    return error / max(scale, .leastNormalMagnitude)
}

/// Expects `actual` to have `shape` and to match `expected` within `tolerance` elementwise.
func expectValues(_ actual: Tensor, _ expected: [Float], shape: [Int]? = nil, tolerance: Float = 1e-6,
                  _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    if let shape { #expect(actual.shape == shape, sourceLocation: sourceLocation) }
    let values = actual.scalars
    #expect(values.count == expected.count, "\(values.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    let close = zip(values, expected).allSatisfy { Swift.abs($0 - $1) <= tolerance }
    #expect(close, "\(label) \(values) vs expected \(expected)", sourceLocation: sourceLocation)
}
