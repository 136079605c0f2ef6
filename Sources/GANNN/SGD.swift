import GANTensor

/// Stochastic gradient descent with optional momentum and L2 weight decay, as PyTorch's
/// `torch.optim.SGD` without dampening or Nesterov:
///   g ← g + λ·p,  b ← μ·b + g (b = g at the first step),  p ← p − lr·b
/// (p ← p − lr·g when μ = 0).
public final class SGD: Optimizer {
    /// The momentum buffers b of the parameters updated so far (empty when μ = 0), by dotted name.
    public struct State: Codable, Equatable, Sendable {
        public var momentumBuffers: [String: [Float]]
        public init(momentumBuffers: [String: [Float]]) { self.momentumBuffers = momentumBuffers }
    }

    public let parameters: [(String, Parameter)]
    /// Step size.
    public var learningRate: Double
    /// Momentum μ (0 for plain SGD).
    public var momentum: Double
    /// L2 penalty coefficient λ added to the gradient.
    public var weightDecay: Double
    private var buffers: [[Float]?]

    /// An optimiser for `parameters` (dotted names, as `Module.namedParameters()` gives).
    public init(_ parameters: [(String, Parameter)], learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        precondition(Set(parameters.map(\.0)).count == parameters.count, "SGD: parameter names must be unique")
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0,
                     "SGD: learningRate \(learningRate), momentum \(momentum) and weightDecay \(weightDecay) must be ≥ 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.buffers = Array(repeating: nil, count: parameters.count)
    }

    /// An optimiser for every parameter of `module`.
    public convenience init(_ module: any Module, learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        self.init(module.namedParameters(), learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
    }

    public func step() {
        let lr = Float(learningRate), mu = Float(momentum), decay = Float(weightDecay)
        for (index, (_, parameter)) in parameters.enumerated() where parameter.isTrainable {
            guard let gradient = parameter.grad else { continue }
            let first = buffers[index] == nil
            var buffer = buffers[index] ?? (mu == 0 ? [] : .init(repeating: 0, count: parameter.count))
            buffers[index] = nil  // keep the array uniquely referenced while it is updated
            gradient.withUnsafeBufferPointer { g in
                buffer.withUnsafeMutableBufferPointer { b in
                    parameter.update { p in
                        for i in 0..<p.count {
                            var d = decay == 0 ? g[i] : g[i] + decay * p[i]
                            if mu != 0 {
                                b[i] = first ? d : mu * b[i] + d
                                d = b[i]
                            }
                            p[i] -= lr * d
                        }
                    }
                }
            }
            if mu != 0 { buffers[index] = buffer }
        }
    }

    public var state: State {
        var byName: [String: [Float]] = [:]
        for (index, (name, _)) in parameters.enumerated() { byName[name] = buffers[index] }
        return State(momentumBuffers: byName)
    }

    /// "momentum", the buffer b.
    public static var bufferNames: [String] { ["momentum"] }

    public var checkpointState: [String: ParameterState] {
        state.momentumBuffers.mapValues { ParameterState(step: nil, buffers: ["momentum": $0]) }
    }

    public func restore(checkpointState: [String: ParameterState]) throws {
        var buffers: [String: [Float]] = [:]
        for (name, entry) in checkpointState {
            guard let b = entry.buffers["momentum"] else { throw OptimizerStateError.missingPart(parameter: name, part: "momentum buffer") }
            buffers[name] = b
        }
        try restore(State(momentumBuffers: buffers))
    }

    public func restore(_ state: State) throws {
        let index = indexByName()
        var restored = [[Float]?](repeating: nil, count: parameters.count)
        for (name, buffer) in state.momentumBuffers {
            guard let i = index[name] else { throw OptimizerStateError.unknownParameter(name) }
            let expected = parameters[i].1.count
            guard buffer.count == expected else {
                throw OptimizerStateError.sizeMismatch(parameter: name, expected: expected, found: buffer.count)
            }
            restored[i] = buffer
        }
        buffers = restored
    }
}
