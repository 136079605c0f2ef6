import GANTensor

/// A 2-D convolution with an equalised learning rate and optional FIR resampling, as
/// stylegan2-ada-pytorch's `Conv2dLayer` (`training/networks.py`):
///
///     y = act(conv2d_resample(x, c·W, f, up, down, padding = k/2) + b) · gain,   c = 1/√(in·k²),
///
/// with W [out, in, k, k] stored as N(0, 1) and b as zeros (Karras et al., "Progressive Growing
/// of GANs", ICLR 2018, §4.1). `up`/`down` = 2 resample with the [1, 3, 3, 1] filter
/// (`Tensor.conv2dResample`); as the official layer, the weight is flipped (a true convolution)
/// only when upsampling. `gain` scales the activation's default gain, as the official
/// `forward(x, gain)` (the residual discriminator passes √0.5). `clamp` is the official
/// `conv_clamp` (default none; stylegan2-ada-pytorch's `train.py` sets 256), scaled by `gain`
/// as the official layer scales it.
public final class EqualizedConv2d: Layer {
    /// [out, in, k, k], stored unscaled.
    public let weight: Parameter
    /// [out], or nil without bias.
    public let bias: Parameter?
    /// The activation applied after the bias.
    public let activation: BiasActivation
    /// Upsampling factor (1 or more).
    public let up: Int
    /// Downsampling factor (1 or more).
    public let down: Int
    /// The resampling filter.
    public let filter: FIRFilter
    /// The output clamp (`conv_clamp`), or nil for none.
    public let clamp: Float?

    /// A layer from `inputChannels` to `outputChannels` with a square `kernelSize` kernel,
    /// W ~ N(0, 1), b = 0 (the official initialisation).
    public init(_ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, bias: Bool = true,
                activation: BiasActivation = .linear, up: Int = 1, down: Int = 1, filter: FIRFilter = .stylegan2,
                clamp: Float? = nil, using rng: inout RandomSource) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0,
                     "EqualizedConv2d: channels and kernel size must be positive, got \(inputChannels) → \(outputChannels), kernel \(kernelSize)")
        precondition(up >= 1 && down >= 1, "EqualizedConv2d: up \(up) and down \(down) must be ≥ 1")
        self.weight = Parameter("weight", Tensor.normal([outputChannels, inputChannels, kernelSize, kernelSize], using: &rng))
        self.bias = bias ? Parameter("bias", Tensor.zeros([outputChannels])) : nil
        self.activation = activation
        self.up = up
        self.down = down
        self.filter = filter
        self.clamp = clamp
    }

    /// Number of input channels.
    public var inputChannels: Int { weight.shape[1] }
    /// Number of output channels.
    public var outputChannels: Int { weight.shape[0] }
    /// Side of the square kernel.
    public var kernelSize: Int { weight.shape[2] }
    /// c = 1/√(in·k²), the factor applied to the stored weight at every use.
    public var weightGain: Float { 1 / Float(inputChannels * kernelSize * kernelSize).squareRoot() }

    public var ownParameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Tensor) -> Tensor { callAsFunction(x, gain: 1) }

    /// y with the activation's gain multiplied by `gain`.
    public func callAsFunction(_ x: Tensor, gain: Float) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == inputChannels,
                     "EqualizedConv2d(\(inputChannels) → \(outputChannels)): input must be [N, \(inputChannels), H, W], got \(x.shape)")
        let y = Tensor.conv2dResample(x, weight.value * weightGain, filter: filter, up: up, down: down,
                                      padding: kernelSize / 2, flipWeight: up == 1)
        return activation.apply(y, bias: bias?.value, gain: activation.defaultGain * gain, clamp: clamp.map { $0 * gain })
    }
}
