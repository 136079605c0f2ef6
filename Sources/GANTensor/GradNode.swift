/// A vertex of the autodiff graph: how one tensor was computed from its inputs.
///
/// `pullback` maps the gradient of the output to the gradients of the inputs (nil where an
/// input needs none) and is written with public tensor ops only, so when the gradient is
/// computed with `createGraph: true` the pullback's own ops record nodes and the gradient can
/// be differentiated again. A leaf (no pullback) accumulates gradient in `grad` when
/// `backward()` runs.
public final class GradNode {
    /// The op's name, used in error messages.
    public let op: String
    /// The nodes of the op's inputs (nil for constant inputs).
    let inputs: [GradNode?]
    /// Input gradients from the output gradient; receives the output itself (with this node
    /// attached) so ops like tanh can use their result without a reference cycle.
    let pullback: ((_ gradient: Tensor, _ output: Tensor) -> [Tensor?])?
    /// Set for ops whose pullback is not built from differentiable ops: differentiating the
    /// gradient through them again throws `AutodiffError.notDifferentiableAgain`.
    let firstOrderOnly: Bool
    /// The output's storage, kept only for pullbacks that read the output.
    let savedOutput: TensorStorage?
    let outputShape: [Int]
    /// Gradient accumulated by `backward()` (leaves only).
    public internal(set) var grad: Tensor?

    init(op: String, inputs: [GradNode?], outputShape: [Int], savedOutput: TensorStorage?,
         firstOrderOnly: Bool, pullback: ((Tensor, Tensor) -> [Tensor?])?) {
        self.op = op
        self.inputs = inputs
        self.outputShape = outputShape
        self.savedOutput = savedOutput
        self.firstOrderOnly = firstOrderOnly
        self.pullback = pullback
    }

    /// True for a leaf: a tensor the user asked gradients for, not computed by an op.
    public var isLeaf: Bool { pullback == nil && !firstOrderOnly }
}

/// Failures of differentiation, each naming the op or tensor at fault.
public enum AutodiffError: Error, CustomStringConvertible, Equatable {
    /// A gradient was requested of a tensor that does not require one.
    case notDifferentiable(String)
    /// A gradient computed through a first-order-only op was differentiated again.
    case notDifferentiableAgain(op: String)
    /// `of` must be a one-element tensor unless a seed gradient is given.
    case nonScalarOutput(shape: [Int])
    /// The seed gradient's shape differs from the output's.
    case seedShapeMismatch(output: [Int], seed: [Int])

    public var description: String {
        switch self {
        case .notDifferentiable(let what):
            return "cannot differentiate with respect to \(what): it does not require a gradient (use requiringGradient())"
        case .notDifferentiableAgain(let op):
            return "the gradient of '\(op)' is first-order only and cannot be differentiated again (createGraph: true went through it)"
        case .nonScalarOutput(let shape):
            return "gradients(of:) needs a one-element output or a seed gradient; got shape \(shape)"
        case .seedShapeMismatch(let output, let seed):
            return "seed gradient shape \(seed) differs from output shape \(output)"
        }
    }
}
