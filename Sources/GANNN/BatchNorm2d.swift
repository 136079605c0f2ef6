import GANTensor

/// Batch normalisation over the N, H and W axes of NCHW input (Ioffe & Szegedy 2015), with
/// PyTorch's `nn.BatchNorm2d` conventions.
///
/// Training: y = (x − μ_B)/√(σ²_B + ε)·γ + β with the batch mean μ_B and the biased batch
/// variance σ²_B per channel; the running statistics move by `momentum` towards μ_B and the
/// unbiased variance σ²_B·n/(n − 1), n = N·H·W. Evaluation uses the running statistics.
/// Defaults as PyTorch: momentum 0.1, ε = 1e-5, γ = 1, β = 0, running mean 0 and variance 1.
/// Training runs `Tensor.batchNormalization`, one op with fused passes whose gradients are
/// again differentiable (gradients of any order flow through the batch statistics).
public final class BatchNorm2d: Layer {
    /// γ, [C].
    public let weight: Parameter
    /// β, [C].
    public let bias: Parameter
    /// Running mean per channel, [C].
    public let runningMean: Buffer
    /// Running (unbiased) variance per channel, [C].
    public let runningVariance: Buffer
    /// Weight of the newest batch in the running statistics.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// Whether forward passes use batch statistics (and update the running ones).
    public private(set) var isTraining = true

    /// A layer for `channels` channels, with γ = 1 and β = 0.
    public init(_ channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        precondition(channels > 0, "BatchNorm2d: channel count must be positive, got \(channels)")
        weight = Parameter("weight", .ones([channels]))
        bias = Parameter("bias", .zeros([channels]))
        runningMean = Buffer("running_mean", .zeros([channels]))
        runningVariance = Buffer("running_var", .ones([channels]))
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// Number of channels.
    public var channels: Int { weight.count }

    public var ownParameters: [Parameter] { [weight, bias] }
    public var ownBuffers: [Buffer] { [runningMean, runningVariance] }
    public func setTrainingMode(_ training: Bool) { isTraining = training }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == channels,
                     "BatchNorm2d(\(channels)): input must be [N, \(channels), H, W], got \(x.shape)")
        if isTraining {
            let n = x.shape[0] * x.shape[2] * x.shape[3]
            precondition(n > 1, "BatchNorm2d: training needs more than one value per channel, got input \(x.shape)")
            let (y, mean, variance) = Tensor.batchNormalization(x, weight: self.weight.value, bias: self.bias.value,
                                                                epsilon: epsilon)
            Autodiff.withoutRecording {
                let unbiased = variance * (Float(n) / Float(n - 1))
                runningMean.assign(runningMean.value * (1 - momentum) + mean * momentum)
                runningVariance.assign(runningVariance.value * (1 - momentum) + unbiased * momentum)
            }
            return y
        } else {
            // y = (x − μ)·(γ/σ) + β: the per-channel factor γ/σ is formed on C values.
            let perChannel = [1, channels, 1, 1]
            let weight = self.weight.value.reshaped(perChannel), bias = self.bias.value.reshaped(perChannel)
            let mean = runningMean.value.reshaped(perChannel)
            let std = (runningVariance.value.reshaped(perChannel) + epsilon).sqrt()
            return (x - mean) * (weight / std) + bias
        }
    }
}
