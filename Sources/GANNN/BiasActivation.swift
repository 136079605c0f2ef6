import GANTensor

/// The activation that stylegan2-ada-pytorch's layers fuse with their bias (`bias_act`,
/// `torch_utils/ops/bias_act.py`): y = act(x + b) · gain, where gain defaults to the
/// activation's `def_gain` — 1 for linear, √2 for leaky ReLU with slope 0.2 — so that unit-variance
/// inputs give roughly unit-variance outputs (He et al. 2015). An optional clamp then limits the
/// result to [−clamp, clamp] (the official `conv_clamp`; its training script sets 256).
public enum BiasActivation: Sendable, Equatable {
    /// act(x) = x, default gain 1 (`'linear'`).
    case linear
    /// act(x) = max(x, 0.2·x), default gain √2 (`'lrelu'`).
    case leakyReLU

    /// The official `def_gain` of the activation.
    public var defaultGain: Float {
        switch self {
        case .linear: 1
        case .leakyReLU: Float(2).squareRoot()
        }
    }

    /// act(x + bias) · gain, clamped to [−clamp, clamp] when `clamp` is given (the gradient is
    /// zero where the clamp cuts, as PyTorch's `clamp`); `bias` [C] is broadcast along axis 1
    /// of x [N, C, …].
    public func apply(_ x: Tensor, bias: Tensor?, gain: Float, clamp: Float? = nil) -> Tensor {
        var y = x
        if self == .leakyReLU, let bias, gain > 0 {
            // The values of the three ops below, bit for bit, in one pass (and one pullback pass).
            y = x.biasLeakyReLU(bias, slope: 0.2, gain: gain)
        } else {
            if let bias {
                precondition(x.rank >= 2 && bias.shape == [x.shape[1]],
                             "BiasActivation: bias \(bias.shape) must be [\(x.rank >= 2 ? x.shape[1] : 0)] for input \(x.shape)")
                y = y + bias.reshaped([1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2))
            }
            if self == .leakyReLU { y = y.leakyReLU(0.2) }
            if gain != 1 { y = y * gain }
        }
        if let clamp {
            precondition(clamp >= 0, "BiasActivation: clamp must be ≥ 0, got \(clamp)")
            y = Tensor.where(y.greater(than: clamp), Tensor(clamp), Tensor.where(y.less(than: -clamp), Tensor(-clamp), y))
        }
        return y
    }
}
