// Memory-bound inner loops of GANTensor in C, compiled once per x86-64 vector extension
// (AVX-512, AVX2, baseline) and chosen at load time, so a default `swift build` runs them with
// the machine's widest vectors. Swift itself compiles for baseline x86-64 (SSE2) unless told
// `-target-cpu`, and SwiftPM forbids a dependency from passing such flags.
#ifndef GANKIT_CKERNELS_H
#define GANKIT_CKERNELS_H

#include <stddef.h>

/// Winograd F(2×2, 2×2) input transform Bᵀ d B of `count` channels: channel k of the 3×3
/// tile has element (r, s) at d[r·rowStride + s·columnStride + k]; product ξ = 3i + j of
/// channel k goes to out[ξ·stride + k].
void gk_winograd_input(const float *d, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count, float *out,
                       ptrdiff_t stride);

/// Winograd F(2×2, 2×2) filter transform G g Gᵀ of `count` channels of 2×2 filters, laid out
/// as in `gk_winograd_input` (strides may be negative).
void gk_winograd_filter(const float *g, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count, float *out,
                        ptrdiff_t stride);

/// Winograd F(2×2, 2×2) output transform Aᵀ m A: product ξ of channel k at m[ξ·stride + k];
/// output (r, s) of channel k to out[r·rowStride + s·columnStride + k].
void gk_winograd_output(const float *m, ptrdiff_t stride, ptrdiff_t count, float *out, ptrdiff_t rowStride,
                        ptrdiff_t columnStride);

/// Winograd F(2×2, 3×3) input transform Bᵀ d B of `count` channels of 4×4 tiles: element
/// (r, s) of channel k at d[r·rowStride + s·columnStride + k]; product ξ = 4i + j of channel k
/// to out[ξ·stride + k].
void gk_winograd3_input(const float *d, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count, float *out,
                        ptrdiff_t stride);

/// Winograd F(2×2, 3×3) filter transform G g Gᵀ of `count` channels of 3×3 filters, laid out
/// as in `gk_winograd3_input` (strides may be negative).
void gk_winograd3_filter(const float *g, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count, float *out,
                         ptrdiff_t stride);

/// Winograd F(2×2, 3×3) output transform Aᵀ m A: product ξ of channel k at m[ξ·stride + k];
/// output (r, s) of channel k to out[r·rowStride + s·columnStride + k].
void gk_winograd3_output(const float *m, ptrdiff_t stride, ptrdiff_t count, float *out, ptrdiff_t rowStride,
                         ptrdiff_t columnStride);

/// The adjoint of `gk_winograd3_output`, A y Aᵀ of `count` channels of 2×2 tiles laid out as
/// in `gk_winograd3_input`, to 16 products.
void gk_winograd3_gradient(const float *g, ptrdiff_t rowStride, ptrdiff_t columnStride, ptrdiff_t count, float *out,
                           ptrdiff_t stride);

/// The adjoint of `gk_winograd3_filter`, Gᵀ m G: 16 products of channel k at m[ξ·stride + k]
/// to the 3×3 tile with element (r, s) of channel k at out[r·rowStride + s·columnStride + k].
void gk_winograd3_filter_gradient(const float *m, ptrdiff_t stride, ptrdiff_t count, float *out,
                                  ptrdiff_t rowStride, ptrdiff_t columnStride);

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

#endif
