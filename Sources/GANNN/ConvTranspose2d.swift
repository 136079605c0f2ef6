import GANTensor

/// A 2-D transposed convolution layer, as PyTorch's `nn.ConvTranspose2d` (dilation 1,
/// groups 1): x [N, in, H, W] → [N, out, Ho, Wo], Ho = (H − 1)·stride − 2·padding + k +
/// outputPadding. It is the adjoint of a `Conv2d` with the same geometry, the usual
/// upsampling layer of DCGAN generators.
///
/// The weight is [in, out, k, k] (PyTorch's layout). By default it is initialised as PyTorch
/// does: kaiming_uniform(a = √5) with PyTorch's fan_in of that layout, out·k², so
/// W ~ U(±1/√(out·k²)) and b ~ U(±1/√(out·k²)). Differentiable to any order through
/// `Tensor.convTranspose2d`.
public final class ConvTranspose2d: WeightedLayer {
    /// [in, out, k, k].
    public let weight: Parameter
    /// [out], or nil for a layer without bias.
    public let bias: Parameter?
    /// Upsampling factor: step of the equivalent convolution.
    public let stride: Int
    /// Padding of the equivalent convolution (removed from each side of the output).
    public let padding: Int
    /// Extra rows and columns on the bottom/right of the output, in 0..<stride.
    public let outputPadding: Int

    /// A layer from `inputChannels` to `outputChannels` with a square `kernelSize` kernel, its
    /// weight drawn by `weightInitializer` and its bias by `biasInitializer` (PyTorch's
    /// U(±1/√fan_in) when nil).
    public init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, bias: Bool = true, weightInitializer: Initializer = .pytorchDefault,
                biasInitializer: Initializer? = nil, using rng: inout RandomSource) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0,
                     "ConvTranspose2d: channels and kernel size must be positive, got \(inputChannels) → \(outputChannels), kernel \(kernelSize)")
        precondition(stride >= 1 && padding >= 0 && (0..<stride).contains(outputPadding),
                     "ConvTranspose2d: stride \(stride) must be ≥ 1, padding \(padding) ≥ 0, outputPadding \(outputPadding) in 0..<stride")
        let weightShape = [inputChannels, outputChannels, kernelSize, kernelSize]
        self.weight = Parameter("weight", weightInitializer(weightShape, using: &rng))
        let fanIn = Initializer.fans(weightShape).fanIn
        self.bias = bias
            ? Parameter("bias", (biasInitializer ?? .pytorchBias(fanIn: fanIn))([outputChannels], using: &rng))
            : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    /// Number of input channels.
    public var inputChannels: Int { weight.shape[0] }
    /// Number of output channels.
    public var outputChannels: Int { weight.shape[1] }

    /// Output channels index axis 1 of the [in, out, k, k] weight.
    public var weightOutputAxis: Int { 1 }

    public var ownParameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, weight: weight.value) }

    public func callAsFunction(_ x: Tensor, weight w: Tensor) -> Tensor {
        let y = Tensor.convTranspose2d(x, w, stride: stride, padding: padding, outputPadding: outputPadding)
        return bias.map { y + $0.value.reshaped([1, outputChannels, 1, 1]) } ?? y
    }
}
