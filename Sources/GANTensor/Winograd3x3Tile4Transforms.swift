import CKernels

extension WinogradTransforms {
    /// Winograd's F(4×4, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural
    /// Networks", CVPR 2016, section 4.2: the Toom–Cook construction with six interpolation
    /// points), here with the points 0, 1, −1, ½, −2 and ∞: a 3×3 filter g, a 6×6 input tile d,
    /// with
    ///
    ///     Bᵀ = [1 −3⁄2 −2 3⁄2 1 0; 0 −1 ½ 5⁄2 1 0; 0 1 −5⁄2 ½ 1 0; 0 −2 −1 2 1 0;
    ///           0 ½ −1 −½ 1 0; 0 1 −3⁄2 −2 3⁄2 1],
    ///     G  = [1 0 0; ⅓ ⅓ ⅓; −⅓ ⅓ −⅓; −16⁄15 −8⁄15 −4⁄15; 1⁄15 −2⁄15 4⁄15; 0 0 1],
    ///     Aᵀ = [1 1 1 1 1 0; 0 1 −1 ½ −2 0; 0 1 1 ¼ 4 0; 0 1 −1 ⅛ −8 1]:
    ///
    /// 36 products per 4×4 output tile and channel (ξ = 6i + j) where direct convolution does
    /// 144 and F(2×2, 3×3) 64, so a quarter of the direct products. The price is rounding: the
    /// transforms scale values by up to 8 and G's thirds and fifteenths are not exact in binary.
    /// The points matter: Lavin & Gray's 0, ±1, ±2 gave up to 1.05e-5 (relative to the largest
    /// value) against im2col on Winograd3x3KernelTests' shapes, these 0.6–2.9e-6 on the same
    /// shapes (F(2×2, 3×3): 1.2–3.3e-7). The weight gradient is Gᵀ [ (Bᵀ d B) ⊙ (A ȳ Aᵀ) ] G with
    /// ȳ the 4×4 output-gradient tiles, as for `f3x3`. The loops are in Winograd3x3.c.
    static let f3x3Tile4 = WinogradTransforms(products: 36, tile: 4, input: gk_winograd43_input,
                                              filter: gk_winograd43_filter, output: gk_winograd43_output,
                                              outputGradient: gk_winograd43_gradient,
                                              filterGradient: gk_winograd43_filter_gradient)
}
