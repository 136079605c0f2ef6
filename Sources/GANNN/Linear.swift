import GANTensor

/// A fully connected layer, y = x·Wᵀ + b, with x [N, in] → y [N, out].
///
/// The weight has PyTorch's layout [out, in]. By default both weight and bias are initialised
/// as `torch.nn.Linear` does: W ~ kaiming_uniform(a = √5), i.e. U(±1/√in), and b ~ U(±1/√in).
public final class Linear: WeightedLayer {
    /// [out, in].
    public let weight: Parameter
    /// [out], or nil for a layer without bias.
    public let bias: Parameter?

    /// A layer mapping `inputSize` features to `outputSize`, its weight drawn by
    /// `weightInitializer` and its bias by `biasInitializer` (PyTorch's U(±1/√in) when nil).
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true,
                weightInitializer: Initializer = .pytorchDefault, biasInitializer: Initializer? = nil,
                using rng: inout RandomSource) {
        precondition(inputSize > 0 && outputSize > 0, "Linear: sizes must be positive, got \(inputSize) → \(outputSize)")
        let weightShape = [outputSize, inputSize]
        self.weight = Parameter("weight", weightInitializer(weightShape, using: &rng))
        self.bias = bias
            ? Parameter("bias", (biasInitializer ?? .pytorchBias(fanIn: inputSize))([outputSize], using: &rng))
            : nil
    }

    /// Number of input features.
    public var inputSize: Int { weight.shape[1] }
    /// Number of output features.
    public var outputSize: Int { weight.shape[0] }

    public var ownParameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, weight: weight.value) }

    public func callAsFunction(_ x: Tensor, weight w: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == inputSize,
                     "Linear(\(inputSize) → \(outputSize)): input must be [N, \(inputSize)], got \(x.shape)")
        let y = Tensor.matmul(x, w, transposeB: true)
        return bias.map { y + $0.value } ?? y
    }
}
