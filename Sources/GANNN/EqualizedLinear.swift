import GANTensor

/// A fully connected layer with an equalised learning rate (Karras et al., "Progressive
/// Growing of GANs", ICLR 2018, §4.1), as stylegan2-ada-pytorch's `FullyConnectedLayer`
/// (`training/networks.py`):
///
///     y = act(x · (c·W)ᵀ + lr·b) · gain,   c = lr / √in,
///
/// with W [out, in] stored as N(0, 1)/lr and b as `biasInitial`. Scaling at use instead of at
/// initialisation gives every weight the same effective learning rate under Adam; the learning
/// rate multiplier lr (0.01 in StyleGAN2's mapping network) slows the layer down by that factor.
/// The activation is the official `bias_act` with its default gain (√2 for leaky ReLU).
public final class EqualizedLinear: Layer {
    /// [out, in], stored unscaled.
    public let weight: Parameter
    /// [out], or nil without bias.
    public let bias: Parameter?
    /// lr: the learning-rate multiplier of weight and bias.
    public let learningRateMultiplier: Float
    /// The activation applied after the bias.
    public let activation: BiasActivation

    /// A layer from `inputSize` to `outputSize` features, W ~ N(0, 1)/lr and b = `biasInitial`
    /// (the official defaults: lr = 1, bias 0, linear).
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, activation: BiasActivation = .linear,
                learningRateMultiplier: Float = 1, biasInitial: Float = 0, using rng: inout RandomSource) {
        precondition(inputSize > 0 && outputSize > 0,
                     "EqualizedLinear: sizes must be positive, got \(inputSize) → \(outputSize)")
        precondition(learningRateMultiplier > 0,
                     "EqualizedLinear: the learning-rate multiplier must be positive, got \(learningRateMultiplier)")
        self.weight = Parameter("weight", Tensor.normal([outputSize, inputSize], using: &rng) / learningRateMultiplier)
        self.bias = bias ? Parameter("bias", Tensor(shape: [outputSize], repeating: biasInitial)) : nil
        self.learningRateMultiplier = learningRateMultiplier
        self.activation = activation
    }

    /// Number of input features.
    public var inputSize: Int { weight.shape[1] }
    /// Number of output features.
    public var outputSize: Int { weight.shape[0] }
    /// c = lr/√in, the factor applied to the stored weight at every use.
    public var weightGain: Float { learningRateMultiplier / Float(inputSize).squareRoot() }

    public var ownParameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    /// y for x [N, in] → [N, out].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == inputSize,
                     "EqualizedLinear(\(inputSize) → \(outputSize)): input must be [N, \(inputSize)], got \(x.shape)")
        let y = Tensor.matmul(x, weight.value * weightGain, transposeB: true)
        let b = bias.map { learningRateMultiplier == 1 ? $0.value : $0.value * learningRateMultiplier }
        return activation.apply(y, bias: b, gain: activation.defaultGain)
    }
}
