import CKernels

/// The three transforms of Winograd's minimal filtering algorithm F(2×2, 2×2) (Lavin & Gray,
/// "Fast Algorithms for Convolutional Neural Networks", CVPR 2016, eq. 8):
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// for a 2×2 filter g, a 3×3 input tile d and the 2×2 output tile Y of their valid
/// cross-correlation, with
///
///     Bᵀ = [1 −1 0; 0 1 0; 0 −1 1],   G = [1 0; 1 1; 0 1],   Aᵀ = [1 1 0; 0 1 1].
///
/// In one dimension, y₀ = d₀g₀ + d₁g₁ = (d₀ − d₁)g₀ + d₁(g₀ + g₁) and
/// y₁ = d₁g₀ + d₂g₁ = d₁(g₀ + g₁) + (d₂ − d₁)g₁: three products instead of four, nine instead of
/// sixteen in two dimensions. Every matrix entry is 0 or ±1, so the transforms are exact
/// additions and the only rounding beyond direct convolution's is in those few sums.
///
/// The nine products of a tile are indexed ξ = 3i + j for row i and column j of the 3×3
/// transformed tile; transformed tiles live in `[9][tiles][channels]` arrays, each ξ a
/// separate matrix so a whole layer's products are nine sgemm calls. Each transform runs on
/// `count` channels at once, stored contiguously (channels-last); the loops are in C
/// (`CKernels`), compiled for AVX-512, AVX2 and baseline x86-64 and chosen at load time.
enum WinogradTransforms {
    /// Writes Bᵀ d B to out[ξ·stride + k], ξ < 9, k < count, where channel k of the 3×3 tile
    /// d has element (r, s) at d[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func input(_ d: UnsafePointer<Float>, rowStride: Int, columnStride: Int, count: Int,
                      into out: UnsafeMutablePointer<Float>, stride: Int) {
        gk_winograd_input(d, rowStride, columnStride, count, out, stride)
    }

    /// Writes G g Gᵀ to out[ξ·stride + k], ξ < 9, k < count, for the 2×2 filters g with
    /// element (r, s) of channel k at g[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func filter(_ g: UnsafePointer<Float>, rowStride: Int, columnStride: Int, count: Int,
                       into out: UnsafeMutablePointer<Float>, stride: Int) {
        gk_winograd_filter(g, rowStride, columnStride, count, out, stride)
    }

    /// Writes Aᵀ m A, where channel k of m has ξ at m[ξ·stride + k], to the 2×2 tile with
    /// element (r, s) of channel k at out[r·rowStride + s·columnStride + k], k < count.
    @inline(__always)
    static func output(_ m: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                       rowStride: Int, columnStride: Int) {
        gk_winograd_output(m, stride, count, out, rowStride, columnStride)
    }
}
