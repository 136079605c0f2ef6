import GANTensor

/// Finite-difference checks of first- and second-order gradients in Float32.
///
/// The function under test is reduced to a scalar with a fixed random projection,
/// `L(x) = Σ f(x) ⊙ w`, summed in Double. Central differences are Richardson-extrapolated,
/// `(4·D(h/2) − D(h)) / 3`, whose truncation error is O(h⁴); with h = 1e-2 that is far below
/// Float32 rounding (≈ 1e-7·|L| / h ≈ 1e-5 relative), so a tolerance of 2e-3 on the error
/// relative to the largest gradient entry is sound and still rejects a pullback that is off by
/// 1 % (the self-test in GANTensorTests shows both).
///
/// The second-order check differentiates `H(x) = Σ_k ⟨∂L/∂x_k, v_k⟩`, where the inner
/// gradient is taken with `createGraph: true`, and compares ∂H/∂x with finite differences of
/// H — the path R1, DigGAN and MS3D take through every op.
public enum GradCheck {
    /// The outcome of one check: the worst error relative to the largest gradient entry.
    public struct Report: CustomStringConvertible {
        public let maxError: Double
        public let scale: Double
        public let checkedEntries: Int
        /// The error relative to the largest entry, with a floor of 1e-3 on the scale so that an
        /// exactly-zero gradient is judged by Float32 rounding noise rather than divided by ~0.
        public var relativeError: Double { maxError / max(scale, 1e-3) }
        public var description: String {
            "max |analytic − numeric| = \(maxError) at scale \(scale) over \(checkedEntries) entries (relative \(relativeError))"
        }
    }

    /// Checks ∂L/∂x for every input against finite differences of L.
    public static func firstOrder(_ inputs: [Tensor], step: Float = 1e-2, maxEntriesPerInput: Int = 64,
                                  seed: UInt64 = 1, _ f: @escaping ([Tensor]) -> Tensor) throws -> Report {
        let loss = projected(f, seed: seed)
        let leaves = inputs.map { $0.detached().requiringGradient() }
        let analytic = try loss(leaves).gradients(wrt: leaves)
        return compare(analytic, inputs: inputs, step: step, maxEntries: maxEntriesPerInput) { xs in
            // Recording stays on: the function may itself take gradients (a penalty on ∇ₓD).
            scalarValue(loss(xs))
        }
    }

    /// Checks the gradient of `H = Σ_k ⟨∂L/∂x_k, v_k⟩` (inner gradient with
    /// `createGraph: true`) against finite differences of H.
    public static func secondOrder(_ inputs: [Tensor], step: Float = 1e-2, maxEntriesPerInput: Int = 64,
                                   seed: UInt64 = 1, _ f: @escaping ([Tensor]) -> Tensor) throws -> Report {
        let loss = projected(f, seed: seed)
        var rng = RandomSource(seed: seed &+ 17)
        let directions = inputs.map { Tensor.normal($0.shape, using: &rng) }
        func h(_ xs: [Tensor], createGraph: Bool) throws -> Tensor {
            let leaves = xs.map { $0.detached().requiringGradient() }
            let grads = try loss(leaves).gradients(wrt: leaves, createGraph: createGraph)
            var total = Tensor(0)
            for (g, v) in zip(grads, directions) { total = total + (g * v).sum() }
            return total
        }
        // Analytic: H built with createGraph on leaves we keep, then differentiated again.
        let leaves = inputs.map { $0.detached().requiringGradient() }
        let grads = try loss(leaves).gradients(wrt: leaves, createGraph: true)
        var hValue = Tensor(0)
        for (g, v) in zip(grads, directions) { hValue = hValue + (g * v).sum() }
        // A gradient that does not depend on the inputs has ∂H/∂x exactly zero.
        let analytic = hValue.requiresGradient ? try hValue.gradients(wrt: leaves) : inputs.map { Tensor.zeros($0.shape) }
        return compare(analytic, inputs: inputs, step: step, maxEntries: maxEntriesPerInput) { xs in
            (try? h(xs, createGraph: false)).map { Double($0.item) } ?? .nan
        }
    }

    /// `L(x) = Σ f(x) ⊙ w` with a fixed normal w.
    private static func projected(_ f: @escaping ([Tensor]) -> Tensor, seed: UInt64) -> ([Tensor]) -> Tensor {
        var cache: Tensor?
        return { xs in
            let y = f(xs)
            if cache == nil || cache!.shape != y.shape {
                var rng = RandomSource(seed: seed)
                cache = Tensor.normal(y.shape, using: &rng)
            }
            return (y * cache!).sum()
        }
    }

    private static func scalarValue(_ t: Tensor) -> Double { Double(t.item) }

    /// Compares analytic gradients with Richardson-extrapolated central differences of `value`
    /// at up to `maxEntries` evenly spaced entries of each input.
    private static func compare(_ analytic: [Tensor], inputs: [Tensor], step: Float, maxEntries: Int,
                                _ value: ([Tensor]) -> Double) -> Report {
        var maxError = 0.0, scale = 0.0, checked = 0
        for (k, input) in inputs.enumerated() {
            let a = analytic[k].scalars, x = input.scalars
            let stride = max(1, input.count / maxEntries)
            for i in Swift.stride(from: 0, to: input.count, by: stride) {
                func difference(_ h: Float) -> Double {
                    var plus = inputs, minus = inputs
                    plus[k] = shifted(input, at: i, by: h)
                    minus[k] = shifted(input, at: i, by: -h)
                    // The steps actually taken after rounding to Float32.
                    let hp = Double(x[i] + h) - Double(x[i])
                    let hm = Double(x[i]) - Double(x[i] - h)
                    return (value(plus) - value(minus)) / (hp + hm)
                }
                let numeric = (4 * difference(step / 2) - difference(step)) / 3
                maxError = max(maxError, abs(Double(a[i]) - numeric))
                scale = max(scale, abs(numeric))
                checked += 1
            }
            for v in a { scale = max(scale, abs(Double(v))) }
        }
        return Report(maxError: maxError, scale: scale, checkedEntries: checked)
    }

    private static func shifted(_ t: Tensor, at index: Int, by h: Float) -> Tensor {
        var copy = t.detached()
        copy.withUnsafeMutableBufferPointer { $0[index] += h }
        return copy
    }
}
