import GANCore

/// The multi-scale structural self-dissimilarity of D's input-gradient field, per RG scale — the
/// value MS3D penalises (Wang et al., ICML 2024, section 3.3, eqs. 5–9 and Appendix A.1), here
/// measured rather than trained, so it can be charted against the perceptual-narrowing ratio as
/// in the paper's Fig. 7a. Computed as GANKit's MS3D regularizer computes it, with GANCore's RG
/// transforms:
///
/// 1. each sample's C·H·W gradient values, flattened and zero-padded to an S×S matrix, S the
///    smallest power of two with S² ≥ C·H·W (the paper's square matrix);
/// 2. per sample, `M ← (M − min M)/(max M − min M + ε)`, ε = 1e-12 (eq. 7);
/// 3. `P₀ = M`, `P_{k+1} = T(P_k)` with T the RG transform (Kadanoff block-spin, eq. 8, by
///    default), and `SD_k = mean over the batch and the S×S elements of (P_k − up₂(P_{k+1}))²`;
///    k = 0 … log₂S − 1 (down to 1×1);
/// 4. `MS3D = Σ_k SD_k` (eq. 9).
public struct GradientSelfDissimilarity: Sendable {
    public let transform: any RGTransform
    static let epsilon: Float = 1e-12

    public init(transform: any RGTransform = KadanoffBlockSpin()) {
        self.transform = transform
    }

    /// SD_k for every scale k, finest first, of a gradient field [N, C, H, W].
    public func perScale(_ g: Tensor) -> [Double] {
        terms(normalised(square(g))).map { Double($0.item) }
    }

    /// Step 1: the field as constant S×S matrices, [N, 1, S, S].
    public func square(_ g: Tensor) -> Tensor {
        precondition(g.rank == 4, "GradientSelfDissimilarity: the field must be [N, C, H, W], got \(g.shape)")
        let n = g.shape[0], values = g.shape[1] * g.shape[2] * g.shape[3]
        var side = 1
        while side * side < values { side *= 2 }
        return g.detached().reshaped([n, values]).padded([(0, 0), (0, side * side - values)]).reshaped([n, 1, side, side])
    }

    /// Step 2: per-sample min–max normalisation to [0, 1] (eq. 7); differentiable, so a gradient
    /// reaches the arg-min and arg-max through the range.
    public func normalised(_ m: Tensor) -> Tensor {
        let low = m.min(axes: [1, 2, 3], keepDims: true), high = m.max(axes: [1, 2, 3], keepDims: true)
        return (m - low) / (high - low + Self.epsilon)
    }

    /// Step 3: the terms SD_k of a normalised [N, 1, S, S] matrix, finest first.
    public func terms(_ normalised: Tensor) -> [Tensor] {
        var p = normalised
        var sd: [Tensor] = []
        while p.shape[2] > 1 {
            let coarse = transform.coarseGrain(p)
            sd.append((p - coarse.upsampleNearest(factor: 2)).squared().mean())
            p = coarse
        }
        return sd
    }
}
