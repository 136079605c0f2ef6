import CKernels

/// The transforms of Winograd's minimal filtering algorithm F(2×2, 3×3) (Lavin & Gray, "Fast
/// Algorithms for Convolutional Neural Networks", CVPR 2016, eq. 7 and the matrices after it):
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// for a 3×3 filter g, a 4×4 input tile d and the 2×2 output tile Y of their valid
/// cross-correlation, with
///
///     Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],
///     G  = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
///     Aᵀ = [1 1 1 0; 0 1 −1 −1]:
///
/// 16 products per tile and channel where direct convolution does 36. B and A have entries 0
/// and ±1 (exact additions); G's halves are exact scalings, so the only rounding beyond direct
/// convolution's is in the few sums of each transform.
///
/// The weight gradient uses the adjoint of the same identity: with Ū = A ȳ Aᵀ for a 2×2
/// output-gradient tile ȳ, ⟨Y, ȳ⟩ = Σ_ξ (G g Gᵀ)_ξ (Bᵀ d B)_ξ Ū_ξ, so
/// ∂⟨Y, ȳ⟩/∂g = Gᵀ [ (Bᵀ d B) ⊙ (A ȳ Aᵀ) ] G (the "F(3×3, 2×2)" of the same paper's
/// backward pass).
///
/// The sixteen products are indexed ξ = 4i + j; transformed tiles live in
/// `[16][tiles][channels]` arrays, so a layer's products are sixteen sgemm calls. Each
/// transform runs on `count` contiguous channels (channels-last); the loops are in C
/// (`CKernels`, Winograd3x3.c), compiled for AVX-512, AVX2 and baseline x86-64.
enum Winograd3x3Transforms {
    /// Writes Bᵀ d B to out[ξ·stride + k], ξ < 16, k < count, where channel k of the 4×4 tile
    /// d has element (r, s) at d[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func input(_ d: UnsafePointer<Float>, rowStride: Int, columnStride: Int, count: Int,
                      into out: UnsafeMutablePointer<Float>, stride: Int) {
        gk_winograd3_input(d, rowStride, columnStride, count, out, stride)
    }

    /// Writes G g Gᵀ to out[ξ·stride + k] for the 3×3 filters g with element (r, s) of channel
    /// k at g[r·rowStride + s·columnStride + k] (strides may be negative).
    @inline(__always)
    static func filter(_ g: UnsafePointer<Float>, rowStride: Int, columnStride: Int, count: Int,
                       into out: UnsafeMutablePointer<Float>, stride: Int) {
        gk_winograd3_filter(g, rowStride, columnStride, count, out, stride)
    }

    /// Writes Aᵀ m A, channel k of m holding ξ at m[ξ·stride + k], to the 2×2 tile with element
    /// (r, s) of channel k at out[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func output(_ m: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                       rowStride: Int, columnStride: Int) {
        gk_winograd3_output(m, stride, count, out, rowStride, columnStride)
    }

    /// Writes A ȳ Aᵀ to out[ξ·stride + k] for the 2×2 output-gradient tiles ȳ with element
    /// (r, s) of channel k at ȳ[r·rowStride + s·columnStride + k] (the adjoint of `output`).
    @inline(__always)
    static func outputGradient(_ g: UnsafePointer<Float>, rowStride: Int, columnStride: Int, count: Int,
                               into out: UnsafeMutablePointer<Float>, stride: Int) {
        gk_winograd3_gradient(g, rowStride, columnStride, count, out, stride)
    }

    /// Writes Gᵀ m G (the adjoint of `filter`) to the 3×3 tile with element (r, s) of channel
    /// k at out[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func filterGradient(_ m: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                               rowStride: Int, columnStride: Int) {
        gk_winograd3_filter_gradient(m, stride, count, out, rowStride, columnStride)
    }
}
