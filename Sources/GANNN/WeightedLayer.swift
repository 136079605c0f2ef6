import GANTensor

/// A layer whose output is computed from one weight tensor that a wrapper may replace, as
/// `SpectralNorm` replaces W by W/σ(W).
public protocol WeightedLayer: Layer {
    /// The weight the layer trains.
    var weight: Parameter { get }
    /// The weight axis that indexes output features: 0 for Linear [out, in] and Conv2d
    /// [out, in, kH, kW], 1 for ConvTranspose2d [in, out, kH, kW]. Spectral normalisation
    /// views the weight as a matrix [extent of this axis, rest], as PyTorch's `spectral_norm`.
    var weightOutputAxis: Int { get }
    /// The layer's output for `x`, with `weight` used in place of `self.weight.value`.
    func callAsFunction(_ x: Tensor, weight: Tensor) -> Tensor
}

extension WeightedLayer {
    public var weightOutputAxis: Int { 0 }
}
