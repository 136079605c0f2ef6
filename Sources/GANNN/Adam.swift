#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import GANTensor

/// Adam (Kingma & Ba, ICLR 2015) with PyTorch's `torch.optim.Adam` arithmetic.
///
/// For each trainable parameter p with gradient g, at its own step count t:
///   g ← g + λ·p (L2 weight decay λ, off by default, as PyTorch's coupled form),
///   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
///   p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
/// Hyperparameters are Doubles, as PyTorch's Python floats: the bias corrections are computed
/// in Double and the per-element arithmetic in Float32. `learningRate` and `betas` may be
/// changed between steps (lazy regularisation uses lr·c and βᶜ with c = k/(k+1)).
/// Defaults are PyTorch's (lr 1e-3, β = (0.9, 0.999), ε = 1e-8); GANs usually pass
/// lr 2e-4, β = (0.5, 0.999) (Radford et al. 2016).
public final class Adam: Optimizer {
    /// Moment estimates of one parameter.
    public struct Moments: Codable, Equatable, Sendable {
        /// Number of updates applied to this parameter.
        public var step: Int
        /// First-moment estimate m, one per element.
        public var m: [Float]
        /// Second-moment estimate v, one per element.
        public var v: [Float]

        public init(step: Int, m: [Float], v: [Float]) {
            self.step = step
            self.m = m
            self.v = v
        }
    }

    /// The moments of every parameter updated so far, by dotted name.
    public struct State: Codable, Equatable, Sendable {
        public var moments: [String: Moments]
        public init(moments: [String: Moments]) { self.moments = moments }
    }

    public let parameters: [(String, Parameter)]
    /// Step size.
    public var learningRate: Double
    /// (β₁, β₂), the decay rates of the moment estimates.
    public var betas: (Double, Double)
    /// Added to the denominator for numerical stability.
    public var epsilon: Double
    /// L2 penalty coefficient λ added to the gradient.
    public var weightDecay: Double
    private var moments: [Moments?]

    /// An optimiser for `parameters` (dotted names, as `Module.namedParameters()` gives).
    public init(_ parameters: [(String, Parameter)], learningRate: Double = 1e-3,
                betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8, weightDecay: Double = 0) {
        precondition(Set(parameters.map(\.0)).count == parameters.count, "Adam: parameter names must be unique")
        precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0,
                     "Adam: learningRate \(learningRate), epsilon \(epsilon) and weightDecay \(weightDecay) must be ≥ 0")
        precondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "Adam: betas \(betas) must lie in [0, 1)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.moments = Array(repeating: nil, count: parameters.count)
    }

    /// An optimiser for every parameter of `module`.
    public convenience init(_ module: any Module, learningRate: Double = 1e-3,
                            betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.init(module.namedParameters(), learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
    }

    public func step() {
        for (index, (_, parameter)) in parameters.enumerated() where parameter.isTrainable {
            guard let gradient = parameter.grad else { continue }
            var state = moments[index] ?? Moments(step: 0, m: .init(repeating: 0, count: parameter.count),
                                                  v: .init(repeating: 0, count: parameter.count))
            moments[index] = nil  // keep the arrays uniquely referenced while they are updated
            state.step += 1
            update(parameter, gradient: gradient, state: &state)
            moments[index] = state
        }
    }

    /// The update is split over the cores for parameters of at least this many elements per core.
    private static let minimumPerCore = 32_768
    private static let cores = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    private func update(_ parameter: Parameter, gradient: Tensor, state: inout Moments) {
        let t = Double(state.step)
        let beta1 = Float(betas.0), beta2 = Float(betas.1)
        let oneMinusBeta1 = Float(1 - betas.0), oneMinusBeta2 = Float(1 - betas.1)
        let stepSize = Float(learningRate / (1 - pow(betas.0, t)))
        let correction2 = Float((1 - pow(betas.1, t)).squareRoot())
        let eps = Float(epsilon), decay = Float(weightDecay)
        gradient.withUnsafeBufferPointer { g in
            state.m.withUnsafeMutableBufferPointer { m in
                state.v.withUnsafeMutableBufferPointer { v in
                    parameter.update { p in
                        // Disjoint ranges per core; the pointers cross into the workers as addresses.
                        let (gp, mp, vp, pp) = (UInt(bitPattern: g.baseAddress), UInt(bitPattern: m.baseAddress),
                                                UInt(bitPattern: v.baseAddress), UInt(bitPattern: p.baseAddress))
                        let count = p.count, parts = Swift.min(Self.cores, Swift.max(1, count / Self.minimumPerCore))
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            guard let g = UnsafePointer<Float>(bitPattern: gp), let m = UnsafeMutablePointer<Float>(bitPattern: mp),
                                  let v = UnsafeMutablePointer<Float>(bitPattern: vp), let p = UnsafeMutablePointer<Float>(bitPattern: pp)
                            else { return }
                            var i = count * part / parts
                            let end = count * (part + 1) / parts
                            // 16 lanes at a time (the compiler does not vectorise the scalar loop:
                            // it cannot rule out that p, m, v and g overlap), then the rest.
                            typealias Lanes = SIMD16<Float>
                            while i + 16 <= end {
                                let raw = (UnsafeRawPointer(g + i), UnsafeMutableRawPointer(m + i),
                                           UnsafeMutableRawPointer(v + i), UnsafeMutableRawPointer(p + i))
                                var gi = raw.0.loadUnaligned(as: Lanes.self)
                                var pi = raw.3.loadUnaligned(as: Lanes.self)
                                if decay != 0 { gi += decay * pi }
                                let mi = beta1 * raw.1.loadUnaligned(as: Lanes.self) + oneMinusBeta1 * gi
                                let vi = beta2 * raw.2.loadUnaligned(as: Lanes.self) + oneMinusBeta2 * gi * gi
                                pi -= stepSize * (mi / (vi.squareRoot() / correction2 + eps))
                                raw.1.storeBytes(of: mi, as: Lanes.self)
                                raw.2.storeBytes(of: vi, as: Lanes.self)
                                raw.3.storeBytes(of: pi, as: Lanes.self)
                                i += 16
                            }
                            while i < end {
                                let gi = decay == 0 ? g[i] : g[i] + decay * p[i]
                                m[i] = beta1 * m[i] + oneMinusBeta1 * gi
                                v[i] = beta2 * v[i] + oneMinusBeta2 * gi * gi
                                p[i] -= stepSize * (m[i] / (v[i].squareRoot() / correction2 + eps))
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// The moments of the parameter at `index` of `parameters`, nil before its first update.
    /// The arrays are shared, not copied (a caller that keeps them makes the next `step()` copy).
    public func moments(ofParameterAt index: Int) -> Moments? { moments[index] }

    public var state: State {
        var byName: [String: Moments] = [:]
        for (index, (name, _)) in parameters.enumerated() { byName[name] = moments[index] }
        return State(moments: byName)
    }

    /// "m" and "v", the first and second moments.
    public static var bufferNames: [String] { ["m", "v"] }

    public var checkpointState: [String: ParameterState] {
        state.moments.mapValues { ParameterState(step: $0.step, buffers: ["m": $0.m, "v": $0.v]) }
    }

    public func restore(checkpointState: [String: ParameterState]) throws {
        var moments: [String: Moments] = [:]
        for (name, entry) in checkpointState {
            guard let step = entry.step else { throw OptimizerStateError.missingPart(parameter: name, part: "step count") }
            guard let m = entry.buffers["m"] else { throw OptimizerStateError.missingPart(parameter: name, part: "first moment m") }
            guard let v = entry.buffers["v"] else { throw OptimizerStateError.missingPart(parameter: name, part: "second moment v") }
            moments[name] = Moments(step: step, m: m, v: v)
        }
        try restore(State(moments: moments))
    }

    public func restore(_ state: State) throws {
        let index = indexByName()
        var restored = [Moments?](repeating: nil, count: parameters.count)
        for (name, entry) in state.moments {
            guard let i = index[name] else { throw OptimizerStateError.unknownParameter(name) }
            let expected = parameters[i].1.count
            for buffer in [entry.m, entry.v] where buffer.count != expected {
                throw OptimizerStateError.sizeMismatch(parameter: name, expected: expected, found: buffer.count)
            }
            restored[i] = entry
        }
        moments = restored
    }
}
