#include "CKernels.h"

#if defined(__x86_64__) && defined(__ELF__) && defined(__clang__)
#define GK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GK_CLONES
#endif

// Winograd F(2×2, 3×3) transforms, per channel with unit stride over k (vectorised per clone).
// Their algebra is documented in GANTensor's Winograd3x3Transforms.swift. Products are indexed
// ξ = 4i + j; out/in arrays hold product ξ of channel k at [ξ·stride + k].

GK_CLONES void gk_winograd3_input(const float *restrict d, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                  float *restrict out, ptrdiff_t stride) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float e[4][4];
        // Along columns: (d0 − d2, d1 + d2, d2 − d1, d1 − d3), row by row.
        for (int r = 0; r < 4; r++) {
            const float *row = d + r * rs + k;
            float d0 = row[0], d1 = row[cs], d2 = row[2 * cs], d3 = row[3 * cs];
            e[r][0] = d0 - d2; e[r][1] = d1 + d2; e[r][2] = d2 - d1; e[r][3] = d1 - d3;
        }
        // Then along rows.
        for (int j = 0; j < 4; j++) {
            out[(0 + j) * stride + k] = e[0][j] - e[2][j];
            out[(4 + j) * stride + k] = e[1][j] + e[2][j];
            out[(8 + j) * stride + k] = e[2][j] - e[1][j];
            out[(12 + j) * stride + k] = e[1][j] - e[3][j];
        }
    }
}

GK_CLONES void gk_winograd3_filter(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                   float *restrict out, ptrdiff_t stride) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float t[3][4];
        // Along columns: (g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2), row by row.
        for (int r = 0; r < 3; r++) {
            const float *row = g + r * rs + k;
            float g0 = row[0], g1 = row[cs], g2 = row[2 * cs];
            t[r][0] = g0; t[r][1] = 0.5f * (g0 + g1 + g2); t[r][2] = 0.5f * (g0 - g1 + g2); t[r][3] = g2;
        }
        for (int j = 0; j < 4; j++) {
            out[(0 + j) * stride + k] = t[0][j];
            out[(4 + j) * stride + k] = 0.5f * (t[0][j] + t[1][j] + t[2][j]);
            out[(8 + j) * stride + k] = 0.5f * (t[0][j] - t[1][j] + t[2][j]);
            out[(12 + j) * stride + k] = t[2][j];
        }
    }
}

GK_CLONES void gk_winograd3_output(const float *restrict m, ptrdiff_t stride, ptrdiff_t count, float *restrict out,
                                   ptrdiff_t rs, ptrdiff_t cs) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float f[4][2];
        // Along columns: (m0 + m1 + m2, m1 − m2 − m3), row by row.
        for (int i = 0; i < 4; i++) {
            float m0 = m[(4 * i) * stride + k], m1 = m[(4 * i + 1) * stride + k];
            float m2 = m[(4 * i + 2) * stride + k], m3 = m[(4 * i + 3) * stride + k];
            f[i][0] = m0 + m1 + m2; f[i][1] = m1 - m2 - m3;
        }
        for (int s = 0; s < 2; s++) {
            out[s * cs + k] = f[0][s] + f[1][s] + f[2][s];
            out[rs + s * cs + k] = f[1][s] - f[2][s] - f[3][s];
        }
    }
}

GK_CLONES void gk_winograd3_gradient(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                     float *restrict out, ptrdiff_t stride) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float t[2][4];
        // Along columns: (a, a + b, a − b, −b), row by row.
        for (int r = 0; r < 2; r++) {
            const float *row = g + r * rs + k;
            float a = row[0], b = row[cs];
            t[r][0] = a; t[r][1] = a + b; t[r][2] = a - b; t[r][3] = -b;
        }
        for (int j = 0; j < 4; j++) {
            out[(0 + j) * stride + k] = t[0][j];
            out[(4 + j) * stride + k] = t[0][j] + t[1][j];
            out[(8 + j) * stride + k] = t[0][j] - t[1][j];
            out[(12 + j) * stride + k] = -t[1][j];
        }
    }
}

GK_CLONES void gk_winograd3_filter_gradient(const float *restrict m, ptrdiff_t stride, ptrdiff_t count,
                                            float *restrict out, ptrdiff_t rs, ptrdiff_t cs) {
    for (ptrdiff_t k = 0; k < count; k++) {
        float f[4][3];
        // Along columns: (m0 + (m1 + m2)/2, (m1 − m2)/2, (m1 + m2)/2 + m3), row by row.
        for (int i = 0; i < 4; i++) {
            float m0 = m[(4 * i) * stride + k], m1 = m[(4 * i + 1) * stride + k];
            float m2 = m[(4 * i + 2) * stride + k], m3 = m[(4 * i + 3) * stride + k];
            f[i][0] = m0 + 0.5f * (m1 + m2); f[i][1] = 0.5f * (m1 - m2); f[i][2] = 0.5f * (m1 + m2) + m3;
        }
        for (int s = 0; s < 3; s++) {
            out[s * cs + k] = f[0][s] + 0.5f * (f[1][s] + f[2][s]);
            out[rs + s * cs + k] = 0.5f * (f[1][s] - f[2][s]);
            out[2 * rs + s * cs + k] = 0.5f * (f[1][s] + f[2][s]) + f[3][s];
        }
    }
}
