/// Reverse-mode differentiation of any order.
///
/// Recording is on by default and is switched off inside `withoutRecording` (PyTorch's
/// `no_grad`). The state is task-local, so concurrent tests and tasks do not interfere.
public enum Autodiff {
    @TaskLocal static var isRecording: Bool = true
    /// While a backward pass pruned to some targets runs: the nodes that lead to them.
    @TaskLocal static var neededNodes: Set<ObjectIdentifier>? = nil

    /// Runs `body` with no autodiff recording: its results are constants.
    public static func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
        try $isRecording.withValue(false) { try body() }
    }

    /// Whether ops record autodiff nodes right now.
    public static var recording: Bool { isRecording }
}

extension Tensor {
    /// Whether this tensor takes part in differentiation.
    public var requiresGradient: Bool { node != nil }

    /// Whether a pullback must compute this input's gradient: it requires one and, while a pass
    /// pruned to some targets runs (`gradients(wrt:)`, `backward(to:)`), leads to one of them.
    /// A generator step thus skips the discriminator's weight gradients, and R1's input
    /// gradient skips every weight gradient.
    var needsGradient: Bool {
        guard let node else { return false }
        return Autodiff.neededNodes?.contains(ObjectIdentifier(node)) ?? true
    }

    /// This tensor as a fresh leaf of differentiation (same storage, new identity).
    public func requiringGradient() -> Tensor {
        Tensor(shape: shape, storage: storage,
               node: GradNode(op: "leaf", inputs: [], outputShape: shape, savedOutput: nil,
                              firstOrderOnly: false, pullback: nil))
    }

    /// This tensor's values as a constant, cut from the graph (PyTorch's `detach`).
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// Gradient accumulated into this leaf by `backward()`, if any.
    public var grad: Tensor? { node?.grad }

    /// Clears the gradient accumulated into this leaf.
    public func zeroGradient() { node?.grad = nil }

    /// Replaces the gradient accumulated into this leaf with `gradient` (a data-parallel run's
    /// mean over its processes); `gradient` must have this tensor's shape.
    public func replaceGradient(_ gradient: Tensor) {
        precondition(node?.isLeaf == true, "replaceGradient: only a leaf of differentiation holds a gradient")
        precondition(gradient.shape == shape, "replaceGradient: gradient \(gradient.shape) for a tensor of shape \(shape)")
        node?.grad = gradient.detached()
    }

    /// The identity of this tensor's autodiff node, for use as a dictionary key.
    public var gradientIdentity: ObjectIdentifier? { node.map(ObjectIdentifier.init) }

    /// Attaches a node to `result` when recording is on and any input requires a gradient.
    ///
    /// Every differentiable op ends with this call. `pullback` receives the output gradient and
    /// the output; it must use public tensor ops only.

    static func record(_ result: Tensor, op: String, inputs: [Tensor], savesOutput: Bool = false,
                       firstOrderOnly: Bool = false,
                       pullback: @escaping (_ gradient: Tensor, _ output: Tensor) -> [Tensor?]) -> Tensor {
        guard Autodiff.isRecording, inputs.contains(where: { $0.node != nil }) else { return result }
        var r = result
        r.node = GradNode(op: op, inputs: inputs.map(\.node), outputShape: result.shape,
                          savedOutput: savesOutput ? result.storage : nil,
                          firstOrderOnly: firstOrderOnly, pullback: pullback)
        return r
    }

    /// Gradients of `self` with respect to `targets`.
    ///
    /// - Parameters:
    ///   - targets: tensors that require gradients (leaves or intermediate results).
    ///   - seed: the gradient of some scalar with respect to `self`; defaults to ones, which
    ///     requires `self` to have one element.
    ///   - createGraph: when true the returned gradients are recorded and can be
    ///     differentiated again (double backprop); when false they are constants and the
    ///     pullbacks record nothing.
    /// - Returns: one gradient per target, zeros where a target does not influence `self`.
    public func gradients(wrt targets: [Tensor], seed: Tensor? = nil, createGraph: Bool = false) throws -> [Tensor] {
        for (i, t) in targets.enumerated() where t.node == nil {
            throw AutodiffError.notDifferentiable("target \(i) (shape \(t.shape))")
        }
        let wanted = Set(targets.compactMap { $0.node.map(ObjectIdentifier.init) })
        let (_, grads) = try propagate(seed: seed, createGraph: createGraph, stopAt: wanted)
        return targets.map { t in grads[ObjectIdentifier(t.node!)] ?? Tensor.zeros(t.shape) }
    }

    /// Accumulates the gradient of this one-element tensor into every leaf it depends on
    /// (first order; read them with `grad`).
    public func backward() throws {
        let (order, grads) = try propagate(seed: nil, createGraph: false, stopAt: nil)
        for node in order where node.isLeaf {
            guard let g = grads[ObjectIdentifier(node)] else { continue }
            node.grad = node.grad.map { $0 + g } ?? g
        }
    }

    /// Accumulates the gradient of this one-element tensor into the given leaves only: the
    /// pass is pruned to the part of the graph that reaches them, so, for example, a generator
    /// step does not compute gradients for the discriminator's weights.
    public func backward(to leaves: [Tensor]) throws {
        let grads = try gradients(wrt: leaves)
        for (leaf, g) in zip(leaves, grads) {
            guard let node = leaf.node, node.isLeaf else {
                throw AutodiffError.notDifferentiable("a non-leaf tensor of shape \(leaf.shape) in backward(to:)")
            }
            node.grad = node.grad.map { $0 + g } ?? g
        }
    }

    /// Runs the pullbacks from `self` back to the leaves (or only as far as the nodes in
    /// `stopAt`) and returns the gradient reaching each node.
    private func propagate(seed: Tensor?, createGraph: Bool, stopAt: Set<ObjectIdentifier>?) throws -> (order: [GradNode], grads: [ObjectIdentifier: Tensor]) {
        guard let root = node else { throw AutodiffError.notDifferentiable("the output (it is a constant)") }
        let seedGradient: Tensor
        if let seed {
            guard seed.shape == shape else { throw AutodiffError.seedShapeMismatch(output: shape, seed: seed.shape) }
            seedGradient = seed
        } else {
            guard count == 1 else { throw AutodiffError.nonScalarOutput(shape: shape) }
            seedGradient = Tensor.ones(shape)
        }
        let order = Tensor.topologicalOrder(from: root)
        let needed = Tensor.nodesLeading(to: stopAt, in: order)
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seedGradient]
        try Autodiff.$neededNodes.withValue(stopAt == nil ? nil : needed) { try Autodiff.$isRecording.withValue(createGraph) {
            for node in order.reversed() {
                let id = ObjectIdentifier(node)
                guard let g = grads[id] else { continue }
                if node.firstOrderOnly && node.pullback == nil {
                    throw AutodiffError.notDifferentiableAgain(op: node.op)
                }
                guard let pullback = node.pullback else { continue }
                if stopAt != nil, !node.inputs.contains(where: { $0.map { needed.contains(ObjectIdentifier($0)) } ?? false }) { continue }
                let output = Tensor(shape: node.outputShape, storage: node.savedOutput ?? TensorStorage(uninitializedCount: 0), node: node)
                let inputGrads = pullback(g, output)
                precondition(inputGrads.count == node.inputs.count, "\(node.op): pullback returned \(inputGrads.count) gradients for \(node.inputs.count) inputs")
                for (input, ig) in zip(node.inputs, inputGrads) {
                    guard let input, let ig else { continue }
                    precondition(ig.shape == input.outputShape, "\(node.op): pullback gradient shape \(ig.shape) differs from input shape \(input.outputShape)")
                    if stopAt != nil, !needed.contains(ObjectIdentifier(input)) { continue }
                    let key = ObjectIdentifier(input)
                    var gradient = ig
                    if node.firstOrderOnly && createGraph { gradient = gradient.poisoned(by: node.op) }
                    grads[key] = grads[key].map { $0 + gradient } ?? gradient
                }
                if !(stopAt?.contains(id) ?? false) { grads[id] = nil }
            }
        } }
        return (order, grads)
    }

    /// Marks a gradient that came through a first-order-only op: differentiating it fails.
    private func poisoned(by op: String) -> Tensor {
        Tensor(shape: shape, storage: storage,
               node: GradNode(op: op, inputs: [], outputShape: shape, savedOutput: nil, firstOrderOnly: true, pullback: nil))
    }

    /// Nodes reachable from `root`, each after all nodes it feeds (inputs first).
    static func topologicalOrder(from root: GradNode?) -> [GradNode] {
        guard let root else { return [] }
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// The nodes in `order` (inputs first) from which some node of `targets` can be reached.
    ///
    /// A gradient that came through a first-order-only op counts as leading to every target:
    /// its dependence on the inputs was cut, so it must receive a gradient and throw
    /// `notDifferentiableAgain` rather than be skipped as a silent zero.
    static func nodesLeading(to targets: Set<ObjectIdentifier>?, in order: [GradNode]) -> Set<ObjectIdentifier> {
        guard let targets else { return [] }
        var leads = Set<ObjectIdentifier>()
        for node in order {
            let id = ObjectIdentifier(node)
            let poisoned = node.firstOrderOnly && node.pullback == nil
            if poisoned || targets.contains(id) || node.inputs.contains(where: { $0.map { leads.contains(ObjectIdentifier($0)) } ?? false }) {
                leads.insert(id)
            }
        }
        return leads
    }
}

extension Tensor {
    /// Defines a differentiable op outside GANTensor: `result` (computed from `inputs`'
    /// values) gets a node whose pullback maps the output gradient to one gradient per input.
    /// Write the pullback with tensor ops so it is differentiable again; when it cannot be,
    /// pass `firstOrderOnly: true` so that differentiating its gradient again throws
    /// `AutodiffError.notDifferentiableAgain` instead of returning a wrong value.
    public static func differentiableOp(_ result: Tensor, name: String, inputs: [Tensor], firstOrderOnly: Bool = false,
                                        pullback: @escaping (_ gradient: Tensor) -> [Tensor?]) -> Tensor {
        record(result.detached(), op: name, inputs: inputs, firstOrderOnly: firstOrderOnly) { g, _ in pullback(g) }
    }
}
