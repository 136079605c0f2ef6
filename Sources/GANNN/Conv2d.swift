import GANTensor

/// A 2-D convolution layer (cross-correlation, as PyTorch's `nn.Conv2d` with dilation 1 and
/// groups 1): x [N, in, H, W] → [N, out, Ho, Wo], Ho = ⌊(H + 2·padding − k)/stride⌋ + 1.
///
/// The weight is [out, in, k, k]. By default weight and bias are initialised as PyTorch does:
/// W ~ kaiming_uniform(a = √5) = U(±1/√fan_in) and b ~ U(±1/√fan_in), fan_in = in·k².
/// Differentiable to any order through `Tensor.conv2d`.
public final class Conv2d: WeightedLayer {
    /// [out, in, k, k].
    public let weight: Parameter
    /// [out], or nil for a layer without bias.
    public let bias: Parameter?
    /// Step between applications of the kernel.
    public let stride: Int
    /// Zero padding added to each side of H and W.
    public let padding: Int

    /// A layer from `inputChannels` to `outputChannels` with a square `kernelSize` kernel, its
    /// weight drawn by `weightInitializer` and its bias by `biasInitializer` (PyTorch's
    /// U(±1/√fan_in) when nil).
    public init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, weightInitializer: Initializer = .pytorchDefault, biasInitializer: Initializer? = nil,
                using rng: inout RandomSource) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0,
                     "Conv2d: channels and kernel size must be positive, got \(inputChannels) → \(outputChannels), kernel \(kernelSize)")
        precondition(stride >= 1 && padding >= 0, "Conv2d: stride \(stride) must be ≥ 1 and padding \(padding) ≥ 0")
        let weightShape = [outputChannels, inputChannels, kernelSize, kernelSize]
        self.weight = Parameter("weight", weightInitializer(weightShape, using: &rng))
        let fanIn = Initializer.fans(weightShape).fanIn
        self.bias = bias
            ? Parameter("bias", (biasInitializer ?? .pytorchBias(fanIn: fanIn))([outputChannels], using: &rng))
            : nil
        self.stride = stride
        self.padding = padding
    }

    /// Number of input channels.
    public var inputChannels: Int { weight.shape[1] }
    /// Number of output channels.
    public var outputChannels: Int { weight.shape[0] }

    public var ownParameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, weight: weight.value) }

    public func callAsFunction(_ x: Tensor, weight w: Tensor) -> Tensor {
        let y = Tensor.conv2d(x, w, stride: stride, padding: padding)
        return bias.map { y + $0.value.reshaped([1, outputChannels, 1, 1]) } ?? y
    }
}
