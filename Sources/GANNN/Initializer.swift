import GANTensor

/// A rule that draws a parameter's initial values from a `RandomSource`, so one seed fixes
/// every weight of a model.
///
/// Fan-in and fan-out follow PyTorch's `_calculate_fan_in_and_fan_out`: for a shape
/// [a, b, k…], fan_in = b·∏k and fan_out = a·∏k (a matrix [out, in] or a convolution weight
/// [out, in, kH, kW]; for ConvTranspose2d's [in, out, kH, kW] this is PyTorch's convention too).
public struct Initializer: Sendable {
    private let draw: @Sendable (_ shape: [Int], _ rng: inout RandomSource) -> Tensor

    /// An initialiser from a drawing function.
    public init(_ draw: @escaping @Sendable (_ shape: [Int], _ rng: inout RandomSource) -> Tensor) {
        self.draw = draw
    }

    /// A tensor of `shape` drawn by this rule.
    public func callAsFunction(_ shape: [Int], using rng: inout RandomSource) -> Tensor {
        draw(shape, &rng)
    }

    /// (fan_in, fan_out) of a weight of `shape`, as PyTorch computes them.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 1, "Initializer.fans: needs rank ≥ 1, got shape \(shape)")
        if shape.count == 1 { return (shape[0], shape[0]) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// Every element equal to `value`.
    public static func constant(_ value: Float) -> Initializer {
        Initializer { shape, _ in Tensor(shape: shape, repeating: value) }
    }

    /// All zeros.
    public static let zeros = constant(0)

    /// Elements from N(mean, std²).
    public static func normal(mean: Float = 0, std: Float) -> Initializer {
        Initializer { shape, rng in Tensor.normal(shape, mean: mean, std: std, using: &rng) }
    }

    /// Elements from U[low, high).
    public static func uniform(low: Float, high: Float) -> Initializer {
        Initializer { shape, rng in Tensor.uniform(shape, low: low, high: high, using: &rng) }
    }

    /// DCGAN's weights N(0, 0.02²) (Radford et al. 2016, section 4).
    public static let dcgan = normal(std: 0.02)

    /// Xavier/Glorot uniform (Glorot & Bengio 2010): U(±gain·√(6/(fan_in + fan_out))).
    public static func xavierUniform(gain: Float = 1) -> Initializer {
        Initializer { shape, rng in
            let (fanIn, fanOut) = fans(shape)
            let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
            return Tensor.uniform(shape, low: -bound, high: bound, using: &rng)
        }
    }

    /// Xavier/Glorot normal: N(0, gain²·2/(fan_in + fan_out)).
    public static func xavierNormal(gain: Float = 1) -> Initializer {
        Initializer { shape, rng in
            let (fanIn, fanOut) = fans(shape)
            return Tensor.normal(shape, std: gain * (2 / Float(fanIn + fanOut)).squareRoot(), using: &rng)
        }
    }

    /// Which fan the Kaiming rules scale by.
    public enum FanMode: Sendable { case fanIn, fanOut }

    /// Kaiming/He uniform (He et al. 2015) for a leaky-ReLU of negative slope `a` (0 = ReLU):
    /// U(±√3·gain/√fan) with gain = √(2/(1 + a²)).
    public static func kaimingUniform(a: Float = 0, mode: FanMode = .fanIn) -> Initializer {
        Initializer { shape, rng in
            let bound = Float(3).squareRoot() * kaimingStd(shape, a: a, mode: mode)
            return Tensor.uniform(shape, low: -bound, high: bound, using: &rng)
        }
    }

    /// Kaiming/He normal: N(0, gain²/fan) with gain = √(2/(1 + a²)).
    public static func kaimingNormal(a: Float = 0, mode: FanMode = .fanIn) -> Initializer {
        Initializer { shape, rng in Tensor.normal(shape, std: kaimingStd(shape, a: a, mode: mode), using: &rng) }
    }

    /// PyTorch's default weight initialisation for Linear and convolutions:
    /// kaiming_uniform with a = √5, which is U(±1/√fan_in).
    public static let pytorchDefault = kaimingUniform(a: Float(5).squareRoot())

    /// PyTorch's default bias initialisation for a layer whose weight has `fanIn`:
    /// U(±1/√fan_in).
    public static func pytorchBias(fanIn: Int) -> Initializer {
        let bound = 1 / Float(fanIn).squareRoot()
        return uniform(low: -bound, high: bound)
    }

    private static func kaimingStd(_ shape: [Int], a: Float, mode: FanMode) -> Float {
        let (fanIn, fanOut) = fans(shape)
        let gain = (2 / (1 + a * a)).squareRoot()
        return gain / Float(mode == .fanIn ? fanIn : fanOut).squareRoot()
    }
}
