import CKernels

/// The transforms of one of Winograd's minimal filtering algorithms F(m×m, r×r) (Lavin & Gray,
/// "Fast Algorithms for Convolutional Neural Networks", CVPR 2016, eq. 6–8):
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// for an r×r filter g, an (m + r − 1)×(m + r − 1) input tile d and the m×m output tile Y of
/// their valid cross-correlation: `products` = (m + r − 1)² products per tile and channel where
/// direct convolution does m²r². The weight gradient uses the adjoint of the same identity:
/// with Ū = A ȳ Aᵀ for an m×m output-gradient tile ȳ, ⟨Y, ȳ⟩ = Σ_ξ (G g Gᵀ)_ξ (Bᵀ d B)_ξ Ū_ξ,
/// so ∂⟨Y, ȳ⟩/∂g = Gᵀ [ (Bᵀ d B) ⊙ (A ȳ Aᵀ) ] G.
///
/// The products of a tile are indexed ξ = (m + r − 1)·i + j for row i and column j of the
/// transformed tile; transformed tiles live in `[products][tiles][channels]` arrays, each ξ a
/// separate matrix so a whole layer's products are one sgemm call per ξ. Each transform runs on
/// `count` channels at once, stored contiguously (channels-last); the loops are in C
/// (`CKernels`), compiled for AVX-512, AVX2 and baseline x86-64 and chosen at load time. The
/// algorithms are `f2x2` (Winograd2x2Transforms.swift), `f3x3` (Winograd3x3Transforms.swift)
/// and, with 4×4 output tiles, `f3x3Tile4` (F(4×4, 3×3), Winograd3x3Tile4Transforms.swift).
struct WinogradTransforms: Sendable {
    /// Writes the products of `count` channels of a tile, channel k with element (r, s) at
    /// tile[r·rowStride + s·columnStride + k] (strides may be negative), to out[ξ·stride + k]:
    /// `(tile, rowStride, columnStride, count, out, stride)`.
    typealias TileTransform = @convention(c) (UnsafePointer<Float>?, Int, Int, Int, UnsafeMutablePointer<Float>?,
                                              Int) -> Void
    /// Writes the tile of `count` channels whose product ξ of channel k is at m[ξ·stride + k]
    /// to out[r·rowStride + s·columnStride + k]: `(m, stride, count, out, rowStride, columnStride)`.
    typealias ProductTransform = @convention(c) (UnsafePointer<Float>?, Int, Int, UnsafeMutablePointer<Float>?,
                                                 Int, Int) -> Void

    /// Products per tile, (m + r − 1)² for m×m output tiles.
    let products: Int
    /// The side m of an output tile: 2, or 4 for `f3x3Tile4`.
    let tile: Int
    /// Bᵀ d B of (r + 1)×(r + 1) input tiles.
    let input: TileTransform
    /// G g Gᵀ of r×r filters.
    let filter: TileTransform
    /// Aᵀ m A to m×m output tiles.
    let output: ProductTransform
    /// A ȳ Aᵀ of m×m output-gradient tiles (the adjoint of `output`).
    let outputGradient: TileTransform
    /// Gᵀ m G to r×r filter-gradient tiles (the adjoint of `filter`).
    let filterGradient: ProductTransform
}
