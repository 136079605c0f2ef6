import GANCore

/// The discriminator's input-gradient field ∇ₓD, the object of the MS3D paper's diagnostics
/// (Wang et al., ICML 2024, section 3.2, Figs. 2–4) and of DigGAN's gradient gap (Fang et al.,
/// NeurIPS 2022, eq. 2).
public enum InputGradient {
    /// `∂(Σᵢ D(xᵢ))/∂x`, [N, C, H, W], as a constant. Each sample's slice is ∇ₓD(xᵢ) because
    /// D treats the images of a batch independently (no batch statistics in D), as R1, DigGAN
    /// and MS3D assume too.
    public static func of(_ discriminator: any Discriminator, at x: Tensor) throws -> Tensor {
        let leaf = x.detached().requiringGradient()
        return try discriminator(leaf).sum().gradients(wrt: [leaf])[0]
    }

    /// |∇ₓD| per pixel, [N, 1, H, W]: the channels combined by the Euclidean norm over them,
    /// `√(Σ_c g_c²)` (the MS3D paper draws one map per image and does not say how it combines
    /// RGB; the norm keeps a pixel bright when any channel's gradient is large).
    public static func magnitude(_ g: Tensor) -> Tensor {
        g.squared().sum(axes: [1], keepDims: true).sqrt()
    }

    /// ‖∇ₓD(xᵢ)‖₂ over each sample's C·H·W values (DigGAN eq. 2), one per sample.
    public static func norms(_ g: Tensor) -> [Double] {
        g.flattened().squared().sum(axes: [1]).scalars.map { Double($0).squareRoot() }
    }
}
