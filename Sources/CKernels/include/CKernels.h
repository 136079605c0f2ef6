// Memory-bound inner loops of GANTensor in C, compiled once per x86-64 vector extension
// (AVX-512, AVX2, baseline) and chosen at load time, so a default `swift build` runs them with
// the machine's widest vectors. Swift itself compiles for baseline x86-64 (SSE2) unless told
// `-target-cpu`, and SwiftPM forbids a dependency from passing such flags.
#ifndef GANKIT_CKERNELS_H
#define GANKIT_CKERNELS_H

#include <stddef.h>

/// A Winograd transform from tiles to products: `count` channels of a tile, element (r, s) of
/// channel k at tile[r·rowStride + s·columnStride + k] (strides may be negative), to its
/// products, product ξ of channel k at out[ξ·stride + k].
typedef void gk_tile_transform(const float *tile, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count,
                               float *out, ptrdiff_t stride);

/// A Winograd transform from products to tiles: `count` channels, product ξ of channel k at
/// m[ξ·stride + k], to the tile with element (r, s) of channel k at out[r·rowStride +
/// s·columnStride + k].
typedef void gk_product_transform(const float *m, ptrdiff_t stride, ptrdiff_t count, float *out,
                                  ptrdiff_t rowStride, ptrdiff_t columnStride);

/// Winograd F(2×2, 2×2), products ξ = 3i + j: the input transform Bᵀ d B of 3×3 tiles, the
/// filter transform G g Gᵀ of 2×2 filters, and the output transform Aᵀ m A to 2×2 tiles.
gk_tile_transform gk_winograd_input, gk_winograd_filter;
gk_product_transform gk_winograd_output;

/// Winograd F(2×2, 3×3), products ξ = 4i + j: the input transform Bᵀ d B of 4×4 tiles, the
/// filter transform G g Gᵀ of 3×3 filters, the output transform Aᵀ m A to 2×2 tiles, and the
/// adjoints of the last two for the weight gradient: A y Aᵀ of 2×2 output-gradient tiles
/// (`gk_winograd3_gradient`) and Gᵀ m G to 3×3 tiles (`gk_winograd3_filter_gradient`).
gk_tile_transform gk_winograd3_input, gk_winograd3_filter, gk_winograd3_gradient;
gk_product_transform gk_winograd3_output, gk_winograd3_filter_gradient;

/// Winograd F(4×4, 3×3), products ξ = 6i + j: the same five transforms for 6×6 input tiles,
/// 3×3 filters and 4×4 output tiles.
gk_tile_transform gk_winograd43_input, gk_winograd43_filter, gk_winograd43_gradient;
gk_product_transform gk_winograd43_output, gk_winograd43_filter_gradient;

/// target[j·targetStride + i] = source[i·sourceStride + j] for i < rows, j < columns.
void gk_transpose(const float *source, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t sourceStride, float *target,
                  ptrdiff_t targetStride);

/// y[i] = tanh(x[i]) for i < n, within 3 ulp of the correctly rounded value: an odd Taylor
/// polynomial below |x| = 0.3, (1 − e)/(1 + e) with e = exp(−2|x|) above (exp by Cody–Waite
/// reduction and a degree-7 polynomial), NaN kept.
void gk_tanh(const float *x, float *y, ptrdiff_t n);

/// Per-channel moments of x laid out [n, c, p] (NCHW with p = H·W), for channels
/// first..<last: mean[ch] and the biased variance[ch] (two passes).
void gk_channel_moments(const float *x, ptrdiff_t n, ptrdiff_t c, ptrdiff_t p, ptrdiff_t first, ptrdiff_t last,
                        float *mean, float *variance);

/// y = a[ch]·u + b[ch]·v + d[ch] elementwise over [n, c, p] for channels first..<last; v may be
/// NULL (then b is ignored).
void gk_channel_affine(const float *u, const float *v, ptrdiff_t n, ptrdiff_t c, ptrdiff_t p, ptrdiff_t first,
                       ptrdiff_t last, const float *a, const float *b, const float *d, float *y);

/// sumG[ch] = Σ g and sumGX[ch] = Σ g·(x − mean[ch]) over [n, c, p] for channels first..<last.
void gk_channel_gradient_sums(const float *g, const float *x, ptrdiff_t n, ptrdiff_t c, ptrdiff_t p, ptrdiff_t first,
                              ptrdiff_t last, const float *mean, float *sumG, float *sumGX);

/// The number of CPUs this process may run on (its affinity mask, what `nproc` prints), or 0
/// when the system cannot say. Not a vector kernel: `sched_getaffinity` needs _GNU_SOURCE,
/// which Swift's Glibc module does not define.
int gk_allowed_cpus(void);

/// Makes the C standard output (where Swift's `print` writes) line-buffered, so each line reaches
/// a pipe or file when printed. Not a vector kernel: Swift 6 refuses a reference to the C global
/// `stdout` as shared mutable state, so the call is made here.
void gk_line_buffer_stdout(void);

#endif
