#include "CKernels.h"
#include "TargetClones.h"

// Winograd F(2×2, 3×3) transforms, per channel with unit stride over k (vectorised per clone).
// Their algebra is documented in GANTensor's Winograd3x3Transforms.swift. Products are indexed
// ξ = 4i + j; out/in arrays hold product ξ of channel k at [ξ·stride + k].
//
// Each 2-D transform is Y = T X Tᵀ for one 1-D transform T: T along every row of X, then along
// every column of the result. The two drivers below do that for the two directions (a tile to
// the 4×4 products, the 4×4 products to a tile); after inlining, their fixed-size loops unroll
// and each transform is its 1-D formula written out, vectorised over k.

#define GK_INLINE static inline __attribute__((always_inline))

// The 1-D transforms y = T x.
// Bᵀ: (x0 − x2, x1 + x2, x2 − x1, x1 − x3).
GK_INLINE void input_1d(const float *x, float *y) {
    y[0] = x[0] - x[2]; y[1] = x[1] + x[2]; y[2] = x[2] - x[1]; y[3] = x[1] - x[3];
}
// G: (x0, (x0 + x1 + x2)/2, (x0 − x1 + x2)/2, x2).
GK_INLINE void filter_1d(const float *x, float *y) {
    y[0] = x[0]; y[1] = 0.5f * (x[0] + x[1] + x[2]); y[2] = 0.5f * (x[0] - x[1] + x[2]); y[3] = x[2];
}
// Aᵀ: (x0 + x1 + x2, x1 − x2 − x3).
GK_INLINE void output_1d(const float *x, float *y) {
    y[0] = x[0] + x[1] + x[2]; y[1] = x[1] - x[2] - x[3];
}
// A, the adjoint of Aᵀ: (x0, x0 + x1, x0 − x1, −x1).
GK_INLINE void gradient_1d(const float *x, float *y) {
    y[0] = x[0]; y[1] = x[0] + x[1]; y[2] = x[0] - x[1]; y[3] = -x[1];
}
// Gᵀ, the adjoint of G: (x0 + (x1 + x2)/2, (x1 − x2)/2, (x1 + x2)/2 + x3).
GK_INLINE void filter_gradient_1d(const float *x, float *y) {
    y[0] = x[0] + 0.5f * (x[1] + x[2]); y[1] = 0.5f * (x[1] - x[2]); y[2] = 0.5f * (x[1] + x[2]) + x[3];
}

// The n×n tiles of `count` channels (element (r, s) of channel k at x[r·rs + s·cs + k]) to their
// 4×4 products T X Tᵀ, for a 1-D transform t from n values to 4.
GK_INLINE void tile_to_products(const float *restrict x, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                float *restrict out, ptrdiff_t stride, int n, void (*t)(const float *, float *)) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float e[4][4], in[4], y[4];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < n; s++) in[s] = x[r * rs + s * cs + k];
            t(in, e[r]);
        }
        for (int j = 0; j < 4; j++) {
            for (int r = 0; r < n; r++) in[r] = e[r][j];
            t(in, y);
            for (int i = 0; i < 4; i++) out[(4 * i + j) * stride + k] = y[i];
        }
    }
}

// The 4×4 products of `count` channels (product ξ of channel k at m[ξ·stride + k]) to the n×n
// tiles T M Tᵀ (element (r, s) of channel k to out[r·rs + s·cs + k]), for a 1-D transform t
// from 4 values to n.
GK_INLINE void products_to_tile(const float *restrict m, ptrdiff_t stride, ptrdiff_t count, float *restrict out,
                                ptrdiff_t rs, ptrdiff_t cs, int n, void (*t)(const float *, float *)) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float f[4][4], in[4], y[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) in[j] = m[(4 * i + j) * stride + k];
            t(in, f[i]);
        }
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < 4; i++) in[i] = f[i][s];
            t(in, y);
            for (int r = 0; r < n; r++) out[r * rs + s * cs + k] = y[r];
        }
    }
}

GK_CLONES void gk_winograd3_input(const float *restrict d, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                  float *restrict out, ptrdiff_t stride) {
    tile_to_products(d, rs, cs, count, out, stride, 4, input_1d);
}

GK_CLONES void gk_winograd3_filter(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                   float *restrict out, ptrdiff_t stride) {
    tile_to_products(g, rs, cs, count, out, stride, 3, filter_1d);
}

GK_CLONES void gk_winograd3_output(const float *restrict m, ptrdiff_t stride, ptrdiff_t count, float *restrict out,
                                   ptrdiff_t rs, ptrdiff_t cs) {
    products_to_tile(m, stride, count, out, rs, cs, 2, output_1d);
}

GK_CLONES void gk_winograd3_gradient(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                     float *restrict out, ptrdiff_t stride) {
    tile_to_products(g, rs, cs, count, out, stride, 2, gradient_1d);
}

GK_CLONES void gk_winograd3_filter_gradient(const float *restrict m, ptrdiff_t stride, ptrdiff_t count,
                                            float *restrict out, ptrdiff_t rs, ptrdiff_t cs) {
    products_to_tile(m, stride, count, out, rs, cs, 3, filter_gradient_1d);
}
