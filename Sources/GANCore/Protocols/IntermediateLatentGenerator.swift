import GANTensor

/// A generator that is a synthesis network applied to intermediate latents: z is mapped to
/// per-layer vectors ws [N, L, W] (one w for each of the synthesis network's L style inputs),
/// and the image is a function of ws (Karras et al. 2019, "A Style-Based Generator
/// Architecture for GANs", section 2, the space W).
///
/// Penalties on the synthesis network's Jacobian with respect to w need ws as a tensor of the
/// graph the image was computed from, which `G(z)` does not return.
public protocol IntermediateLatentGenerator: Generator {
    /// What `callAsFunction(z)` computes, in the same mode and with the same random draws, and
    /// the intermediate latents ws [N, L, W] the image was synthesised from: a tensor of the
    /// image's graph (connected to G's mapping parameters when recording), so the gradient of
    /// the image with respect to it is the synthesis network's Jacobian.
    func imagesAndIntermediateLatents(_ z: Tensor) -> (images: Tensor, latents: Tensor)
}
