#include "CKernels.h"
#include "TargetClones.h"

// Winograd F(2×2, 3×3) and F(4×4, 3×3) transforms, per channel with unit stride over k
// (vectorised per clone). Their algebra is documented in GANTensor's Winograd3x3Transforms.swift
// and Winograd3x3Tile4Transforms.swift. Products are indexed ξ = p·i + j (p = 4 or 6 products a
// side); out/in arrays hold product ξ of channel k at [ξ·stride + k].
//
// Each 2-D transform is Y = T X Tᵀ for one 1-D transform T: T along every row of X, then along
// every column of the result. The two drivers below do that for the two directions (a tile to
// the p×p products, the p×p products to a tile); after inlining, their fixed-size loops unroll
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

// F(4×4, 3×3) (interpolation points 0, 1, −1, ½, −2 and ∞).
// Bᵀ: (x0 − 3⁄2 x1 − 2x2 + 3⁄2 x3 + x4, −x1 + ½x2 + 5⁄2 x3 + x4, x1 − 5⁄2 x2 + ½x3 + x4,
//      −2x1 − x2 + 2x3 + x4, ½x1 − x2 − ½x3 + x4, x1 − 3⁄2 x2 − 2x3 + 3⁄2 x4 + x5).
GK_INLINE void input6_1d(const float *x, float *y) {
    y[0] = x[0] + x[4] + 1.5f * (x[3] - x[1]) - 2 * x[2];
    y[1] = x[4] - x[1] + 0.5f * x[2] + 2.5f * x[3];
    y[2] = x[4] + x[1] - 2.5f * x[2] + 0.5f * x[3];
    y[3] = x[4] - x[2] + 2 * (x[3] - x[1]);
    y[4] = x[4] - x[2] + 0.5f * (x[1] - x[3]);
    y[5] = x[1] + x[5] + 1.5f * (x[4] - x[2]) - 2 * x[3];
}
// G: (x0, (x0 + x1 + x2)/3, (−x0 + x1 − x2)/3, −(16x0 + 8x1 + 4x2)/15, (x0 − 2x1 + 4x2)/15, x2).
GK_INLINE void filter6_1d(const float *x, float *y) {
    float even = x[0] + x[2];
    y[0] = x[0];
    y[1] = (even + x[1]) * (1.0f / 3);
    y[2] = (x[1] - even) * (1.0f / 3);
    y[3] = (16 * x[0] + 8 * x[1] + 4 * x[2]) * (-1.0f / 15);
    y[4] = (x[0] - 2 * x[1] + 4 * x[2]) * (1.0f / 15);
    y[5] = x[2];
}
// Aᵀ: (x0 + x1 + x2 + x3 + x4, x1 − x2 + ½x3 − 2x4, x1 + x2 + ¼x3 + 4x4, x1 − x2 + ⅛x3 − 8x4 + x5).
GK_INLINE void output6_1d(const float *x, float *y) {
    float s12 = x[1] + x[2], d12 = x[1] - x[2];
    y[0] = x[0] + s12 + x[3] + x[4];
    y[1] = d12 + 0.5f * x[3] - 2 * x[4];
    y[2] = s12 + 0.25f * x[3] + 4 * x[4];
    y[3] = d12 + 0.125f * x[3] - 8 * x[4] + x[5];
}
// A, the adjoint of Aᵀ: (x0, x0 + x1 + x2 + x3, x0 − x1 + x2 − x3, x0 + ½x1 + ¼x2 + ⅛x3,
//    x0 − 2x1 + 4x2 − 8x3, x3).
GK_INLINE void gradient6_1d(const float *x, float *y) {
    float even = x[0] + x[2], odd = x[1] + x[3];
    y[0] = x[0]; y[1] = even + odd; y[2] = even - odd;
    y[3] = x[0] + 0.5f * x[1] + 0.25f * x[2] + 0.125f * x[3];
    y[4] = x[0] - 2 * x[1] + 4 * x[2] - 8 * x[3];
    y[5] = x[3];
}
// Gᵀ, the adjoint of G: (x0 + (x1 − x2)/3 − (16x3 − x4)/15, (x1 + x2)/3 − (8x3 + 2x4)/15,
//    (x1 − x2)/3 − (4x3 − 4x4)/15 + x5).
GK_INLINE void filter_gradient6_1d(const float *x, float *y) {
    float third = (x[1] - x[2]) * (1.0f / 3);
    y[0] = x[0] + third + (x[4] - 16 * x[3]) * (1.0f / 15);
    y[1] = (x[1] + x[2]) * (1.0f / 3) - (8 * x[3] + 2 * x[4]) * (1.0f / 15);
    y[2] = third + (x[4] - x[3]) * (4.0f / 15) + x[5];
}

// The n×n tiles of `count` channels (element (r, s) of channel k at x[r·rs + s·cs + k]) to their
// p×p products T X Tᵀ, for a 1-D transform t from n values to p (p ≤ 6).
GK_INLINE void tile_to_products(const float *restrict x, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                float *restrict out, ptrdiff_t stride, int n, int p,
                                void (*t)(const float *, float *)) {
    // The fixed-size loops are unrolled in full so the tiles live in registers, and the loop
    // over k is vectorised (for 6×6 tiles neither happens unasked).
    #pragma clang loop vectorize(enable)
    for (ptrdiff_t k = 0; k < count; k++) {
        float e[6][6], in[6], y[6];
        #pragma unroll
        for (int r = 0; r < n; r++) {
            #pragma unroll
            for (int s = 0; s < n; s++) in[s] = x[r * rs + s * cs + k];
            t(in, e[r]);
        }
        #pragma unroll
        for (int j = 0; j < p; j++) {
            #pragma unroll
            for (int r = 0; r < n; r++) in[r] = e[r][j];
            t(in, y);
            #pragma unroll
            for (int i = 0; i < p; i++) out[(p * i + j) * stride + k] = y[i];
        }
    }
}

// The p×p products of `count` channels (product ξ of channel k at m[ξ·stride + k]) to the n×n
// tiles T M Tᵀ (element (r, s) of channel k to out[r·rs + s·cs + k]), for a 1-D transform t
// from p values to n (p ≤ 6).
GK_INLINE void products_to_tile(const float *restrict m, ptrdiff_t stride, ptrdiff_t count, float *restrict out,
                                ptrdiff_t rs, ptrdiff_t cs, int n, int p, void (*t)(const float *, float *)) {
    #pragma clang loop vectorize(enable)
    for (ptrdiff_t k = 0; k < count; k++) {
        float f[6][6], in[6], y[6];
        #pragma unroll
        for (int i = 0; i < p; i++) {
            #pragma unroll
            for (int j = 0; j < p; j++) in[j] = m[(p * i + j) * stride + k];
            t(in, f[i]);
        }
        #pragma unroll
        for (int s = 0; s < n; s++) {
            #pragma unroll
            for (int i = 0; i < p; i++) in[i] = f[i][s];
            t(in, y);
            #pragma unroll
            for (int r = 0; r < n; r++) out[r * rs + s * cs + k] = y[r];
        }
    }
}

// The five transforms of one algorithm with `side`×`side` products and `tile`×`tile` output tiles, as
// gk_<name>_input, _filter, _output, _gradient and _filter_gradient (declared in CKernels.h).
#define GK_WINOGRAD3X3_TRANSFORMS(name, side, tile, input, filter, output, gradient, filter_gradient)                  \
    GK_CLONES void gk_##name##_input(const float *restrict d, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,             \
                                     float *restrict out, ptrdiff_t stride) {                                          \
        tile_to_products(d, rs, cs, count, out, stride, (tile) + 2, side, input);                                      \
    }                                                                                                                  \
    GK_CLONES void gk_##name##_filter(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,            \
                                      float *restrict out, ptrdiff_t stride) {                                         \
        tile_to_products(g, rs, cs, count, out, stride, 3, side, filter);                                              \
    }                                                                                                                  \
    GK_CLONES void gk_##name##_output(const float *restrict m, ptrdiff_t stride, ptrdiff_t count,                     \
                                      float *restrict out, ptrdiff_t rs, ptrdiff_t cs) {                               \
        products_to_tile(m, stride, count, out, rs, cs, tile, side, output);                                           \
    }                                                                                                                  \
    GK_CLONES void gk_##name##_gradient(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,          \
                                        float *restrict out, ptrdiff_t stride) {                                       \
        tile_to_products(g, rs, cs, count, out, stride, tile, side, gradient);                                         \
    }                                                                                                                  \
    GK_CLONES void gk_##name##_filter_gradient(const float *restrict m, ptrdiff_t stride, ptrdiff_t count,            \
                                               float *restrict out, ptrdiff_t rs, ptrdiff_t cs) {                      \
        products_to_tile(m, stride, count, out, rs, cs, 3, side, filter_gradient);                                     \
    }

// F(2×2, 3×3): 4×4 products, 2×2 output tiles.
GK_WINOGRAD3X3_TRANSFORMS(winograd3, 4, 2, input_1d, filter_1d, output_1d, gradient_1d, filter_gradient_1d)
// F(4×4, 3×3): 6×6 products, 4×4 output tiles.
GK_WINOGRAD3X3_TRANSFORMS(winograd43, 6, 4, input6_1d, filter6_1d, output6_1d, gradient6_1d, filter_gradient6_1d)
