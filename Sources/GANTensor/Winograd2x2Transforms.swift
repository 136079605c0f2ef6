import CKernels

extension WinogradTransforms {
    /// Winograd's F(2×2, 2×2) (Lavin & Gray, "Fast Algorithms for Convolutional Neural
    /// Networks", CVPR 2016, eq. 8): a 2×2 filter g, a 3×3 input tile d, with
    ///
    ///     Bᵀ = [1 −1 0; 0 1 0; 0 −1 1],   G = [1 0; 1 1; 0 1],   Aᵀ = [1 1 0; 0 1 1].
    ///
    /// In one dimension, y₀ = d₀g₀ + d₁g₁ = (d₀ − d₁)g₀ + d₁(g₀ + g₁) and
    /// y₁ = d₁g₀ + d₂g₁ = d₁(g₀ + g₁) + (d₂ − d₁)g₁: three products instead of four, nine instead
    /// of sixteen in two dimensions (ξ = 3i + j). Every matrix entry is 0 or ±1, so the transforms
    /// are exact additions and the only rounding beyond direct convolution's is in those few
    /// sums. Here A = G, so the weight gradient's adjoints are the filter and output transforms
    /// themselves: A ȳ Aᵀ = G ȳ Gᵀ and Gᵀ m G = Aᵀ m A.
    static let f2x2 = WinogradTransforms(products: 9, tile: 2, input: gk_winograd_input, filter: gk_winograd_filter,
                                         output: gk_winograd_output, outputGradient: gk_winograd_filter,
                                         filterGradient: gk_winograd_output)
}
