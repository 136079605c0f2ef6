import GANTensor

/// max(x, 0) as a layer.
public final class ReLU: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

/// x for x > 0, slope·x otherwise, as a layer; DCGAN's discriminator uses slope 0.2.
public final class LeakyReLU: Layer {
    /// The slope for negative inputs.
    public let slope: Float
    public init(slope: Float = 0.2) { self.slope = slope }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.leakyReLU(slope) }
}

/// tanh as a layer (DCGAN's generator output, images in [−1, 1]).
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}

/// The logistic function 1/(1 + e⁻ˣ) as a layer.
public final class Sigmoid: Layer {
    public init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.sigmoid() }
}
