import GANTensor

/// Spectral normalisation of a layer's weight (Miyato et al., ICLR 2018, Algorithm 1), as
/// PyTorch's `torch.nn.utils.spectral_norm`: the wrapped layer runs with W/σ(W).
///
/// W is viewed as a matrix [out, rest] (`WeightedLayer.weightOutputAxis` first). Each training
/// forward pass does `powerIterations` steps of v ← Wᵀu/‖Wᵀu‖, u ← Wv/‖Wv‖ on the persistent
/// vectors u and v (norms floored at `epsilon` = 1e-12, PyTorch's default), then
/// σ = uᵀWv with u and v held constant, so the gradient reaches W through both W and σ(W).
/// Evaluation reuses the stored u and v without iterating. u and v start as normalised
/// N(0, 1) draws, as in PyTorch.
///
/// The wrapper is transparent in names: under a parent's name "conv1" the wrapped weight is
/// "conv1.weight" (PyTorch's `weight_orig`) and the vectors are the buffers "conv1.weight_u"
/// and "conv1.weight_v".
public final class SpectralNorm<Wrapped: WeightedLayer>: Layer {
    /// The layer whose weight is normalised.
    public let layer: Wrapped
    /// The left singular vector estimate, [out].
    public let u: Buffer
    /// The right singular vector estimate, [rest].
    public let v: Buffer
    /// Power-iteration steps per training forward pass.
    public let powerIterations: Int
    /// Floor of the norms in the power iteration.
    public let epsilon: Float
    /// Whether forward passes run the power iteration.
    public private(set) var isTraining = true

    /// Wraps `layer`, drawing the initial u and v from `rng`.
    public init(_ layer: Wrapped, powerIterations: Int = 1, epsilon: Float = 1e-12, using rng: inout RandomSource) {
        precondition(powerIterations >= 1, "SpectralNorm: powerIterations must be ≥ 1, got \(powerIterations)")
        self.layer = layer
        self.powerIterations = powerIterations
        self.epsilon = epsilon
        let shape = layer.weight.shape
        let rows = shape[layer.weightOutputAxis]
        let columns = layer.weight.count / rows
        u = Buffer("weight_u", Self.unitVector(Tensor.normal([rows], using: &rng), epsilon: epsilon))
        v = Buffer("weight_v", Self.unitVector(Tensor.normal([columns], using: &rng), epsilon: epsilon))
    }

    public var children: [(name: String, module: any Module)] { [("", layer)] }
    public var ownBuffers: [Buffer] { [u, v] }
    public func setTrainingMode(_ training: Bool) { isTraining = training }

    /// The current estimate uᵀWv of W's largest singular value (no iteration, no gradient).
    public var sigma: Float {
        Autodiff.withoutRecording { sigma(of: matrix(layer.weight.value)).item }
    }

    /// W/σ(W) for the layer's own weight, after the power iteration when training;
    /// differentiable with respect to W.
    public func normalisedWeight() -> Tensor { normalised(layer.weight.value) }

    /// `w`/σ(`w`) for a weight of the layer's shape, after `powerIterations` steps on `w` when
    /// training; differentiable with respect to `w` (to any order: u and v are constants).
    public func normalised(_ w: Tensor) -> Tensor {
        precondition(w.shape == layer.weight.shape, "SpectralNorm: weight shape \(w.shape) differs from the layer's \(layer.weight.shape)")
        let m = matrix(w)
        if isTraining {
            Autodiff.withoutRecording {
                let constant = m.detached()
                var uu = u.value, vv = v.value
                for _ in 0..<powerIterations {
                    vv = Self.unitVector(Tensor.matmul(constant, uu.reshaped([-1, 1]), transposeA: true).reshaped([-1]), epsilon: epsilon)
                    uu = Self.unitVector(Tensor.matmul(constant, vv.reshaped([-1, 1])).reshaped([-1]), epsilon: epsilon)
                }
                u.assign(uu)
                v.assign(vv)
            }
        }
        return w / sigma(of: m)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layer(x, weight: normalisedWeight())
    }

    /// uᵀ·M·v with the stored (constant) vectors, a scalar.
    private func sigma(of m: Tensor) -> Tensor {
        (Tensor.matmul(m, v.value.reshaped([-1, 1])).reshaped([-1]) * u.value).sum()
    }

    /// The weight as a matrix [out, rest], the output axis moved to the front.
    private func matrix(_ w: Tensor) -> Tensor {
        let axis = layer.weightOutputAxis
        let order = [axis] + (0..<w.rank).filter { $0 != axis }
        return w.permuted(order).reshaped([w.shape[axis], -1])
    }

    private static func unitVector(_ x: Tensor, epsilon: Float) -> Tensor {
        let norm = (x * x).sum().item.squareRoot()
        return x * (1 / Swift.max(norm, epsilon))
    }
}
