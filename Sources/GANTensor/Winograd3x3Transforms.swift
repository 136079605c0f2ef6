import CKernels

extension WinogradTransforms {
    /// Winograd's F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural
    /// Networks", CVPR 2016, eq. 7 and the matrices after it): a 3×3 filter g, a 4×4 input tile
    /// d, with
    ///
    ///     Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],
    ///     G  = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
    ///     Aᵀ = [1 1 1 0; 0 1 −1 −1]:
    ///
    /// 16 products per tile and channel (ξ = 4i + j) where direct convolution does 36. B and A
    /// have entries 0 and ±1 (exact additions); G's halves are exact scalings, so the only
    /// rounding beyond direct convolution's is in the few sums of each transform. The weight
    /// gradient's Gᵀ [ (Bᵀ d B) ⊙ (A ȳ Aᵀ) ] G is the "F(3×3, 2×2)" of the same paper's backward
    /// pass. The loops are in Winograd3x3.c.
    static let f3x3 = WinogradTransforms(products: 16, tile: 2, input: gk_winograd3_input, filter: gk_winograd3_filter,
                                         output: gk_winograd3_output, outputGradient: gk_winograd3_gradient,
                                         filterGradient: gk_winograd3_filter_gradient)
}
