#include "CKernels.h"
#include "TargetClones.h"
#include <string.h>

// The transforms are written per channel; the loops over k have unit stride in every stream
// and no aliasing (restrict), so the compiler vectorises them for each clone's extension.
// Their algebra is documented in GANTensor's Winograd2x2Transforms.swift.

GK_CLONES void gk_winograd_input(const float *restrict d, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                 float *restrict out, ptrdiff_t stride) {
    const float *r0 = d, *r1 = d + rs, *r2 = d + 2 * rs;
    float *o0 = out, *o1 = out + stride, *o2 = out + 2 * stride, *o3 = out + 3 * stride, *o4 = out + 4 * stride;
    float *o5 = out + 5 * stride, *o6 = out + 6 * stride, *o7 = out + 7 * stride, *o8 = out + 8 * stride;
    for (ptrdiff_t k = 0; k < count; k++) {
        float d00 = r0[k], d01 = r0[cs + k], d02 = r0[2 * cs + k];
        float d10 = r1[k], d11 = r1[cs + k], d12 = r1[2 * cs + k];
        float d20 = r2[k], d21 = r2[cs + k], d22 = r2[2 * cs + k];
        // Rows: e0 = d0 - d1, e1 = d1, e2 = d2 - d1; then the same along columns.
        float e00 = d00 - d10, e01 = d01 - d11, e02 = d02 - d12;
        float e20 = d20 - d10, e21 = d21 - d11, e22 = d22 - d12;
        o0[k] = e00 - e01; o1[k] = e01; o2[k] = e02 - e01;
        o3[k] = d10 - d11; o4[k] = d11; o5[k] = d12 - d11;
        o6[k] = e20 - e21; o7[k] = e21; o8[k] = e22 - e21;
    }
}

GK_CLONES void gk_winograd_filter(const float *restrict g, ptrdiff_t rs, ptrdiff_t cs, ptrdiff_t count,
                                  float *restrict out, ptrdiff_t stride) {
    float *o0 = out, *o1 = out + stride, *o2 = out + 2 * stride, *o3 = out + 3 * stride, *o4 = out + 4 * stride;
    float *o5 = out + 5 * stride, *o6 = out + 6 * stride, *o7 = out + 7 * stride, *o8 = out + 8 * stride;
    for (ptrdiff_t k = 0; k < count; k++) {
        float g00 = g[k], g01 = g[cs + k], g10 = g[rs + k], g11 = g[rs + cs + k];
        // Rows: t0 = g0, t1 = g0 + g1, t2 = g1; then the same along columns.
        float t10 = g00 + g10, t11 = g01 + g11;
        o0[k] = g00; o1[k] = g00 + g01; o2[k] = g01;
        o3[k] = t10; o4[k] = t10 + t11; o5[k] = t11;
        o6[k] = g10; o7[k] = g10 + g11; o8[k] = g11;
    }
}

GK_CLONES void gk_winograd_output(const float *restrict m, ptrdiff_t stride, ptrdiff_t count, float *restrict out,
                                  ptrdiff_t rs, ptrdiff_t cs) {
    const float *m0 = m, *m1 = m + stride, *m2 = m + 2 * stride, *m3 = m + 3 * stride, *m4 = m + 4 * stride;
    const float *m5 = m + 5 * stride, *m6 = m + 6 * stride, *m7 = m + 7 * stride, *m8 = m + 8 * stride;
    float *y00 = out, *y01 = out + cs, *y10 = out + rs, *y11 = out + rs + cs;
    for (ptrdiff_t k = 0; k < count; k++) {
        // Rows: f0 = m0 + m1, f1 = m1 + m2; then the same along columns.
        float f00 = m0[k] + m3[k], f01 = m1[k] + m4[k], f02 = m2[k] + m5[k];
        float f10 = m3[k] + m6[k], f11 = m4[k] + m7[k], f12 = m5[k] + m8[k];
        y00[k] = f00 + f01; y01[k] = f01 + f02;
        y10[k] = f10 + f11; y11[k] = f11 + f12;
    }
}

typedef float gk_v8 __attribute__((vector_size(32)));

// One 8×8 block: splitting the 64 values into even- and odd-indexed halves three times rotates
// the six bits of an index (row, column) by three, giving (column, row).
static inline __attribute__((always_inline)) void gk_block8(const float *s, ptrdiff_t ss, float *t, ptrdiff_t ts) {
    gk_v8 r[8], n[8];
    for (int i = 0; i < 8; i++) memcpy(&r[i], s + i * ss, sizeof(gk_v8));
    for (int round = 0; round < 3; round++) {
        for (int p = 0; p < 4; p++) {
            n[p] = __builtin_shufflevector(r[2 * p], r[2 * p + 1], 0, 2, 4, 6, 8, 10, 12, 14);
            n[4 + p] = __builtin_shufflevector(r[2 * p], r[2 * p + 1], 1, 3, 5, 7, 9, 11, 13, 15);
        }
        memcpy(r, n, sizeof r);
    }
    for (int i = 0; i < 8; i++) memcpy(t + i * ts, &r[i], sizeof(gk_v8));
}

GK_CLONES void gk_transpose(const float *restrict source, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ss,
                            float *restrict target, ptrdiff_t ts) {
    ptrdiff_t fullRows = rows & ~(ptrdiff_t)7, fullColumns = columns & ~(ptrdiff_t)7;
    for (ptrdiff_t i = 0; i < fullRows; i += 8) {
        for (ptrdiff_t j = 0; j < fullColumns; j += 8) gk_block8(source + i * ss + j, ss, target + j * ts + i, ts);
        for (ptrdiff_t j = fullColumns; j < columns; j++)
            for (ptrdiff_t ii = i; ii < i + 8; ii++) target[j * ts + ii] = source[ii * ss + j];
    }
    for (ptrdiff_t ii = fullRows; ii < rows; ii++)
        for (ptrdiff_t j = 0; j < columns; j++) target[j * ts + ii] = source[ii * ss + j];
}

GK_CLONES void gk_tanh(const float *restrict x, float *restrict y, ptrdiff_t n) {
    const float log2e = 1.44269504088896341f;
    // ln 2 = hi + lo with hi exact in 15 bits, so k·hi is exact for the |k| ≤ 26 used here.
    const float ln2Hi = 0.693145751953125f, ln2Lo = 1.42860682030941723212e-6f;
    for (ptrdiff_t i = 0; i < n; i++) {
        float v = x[i], a = v < 0 ? -v : v;
        a = a > 9.0f ? 9.0f : a;  // tanh(9) rounds to 1; NaN fails the test and stays NaN
        float a2 = a * a;
        float small = a + a * a2 * (-1.0f / 3 + a2 * (2.0f / 15 + a2 * (-17.0f / 315 + a2 * (62.0f / 2835
                                     + a2 * (-1382.0f / 155925)))));
        // e = exp(-2a) = 2^k · exp(f), k = round(-2a·log2 e) ≤ 0, |f| ≤ ln2 / 2.
        int k = (int)(-2.0f * a * log2e - 0.5f);
        float f = (-2.0f * a - (float)k * ln2Hi) - (float)k * ln2Lo;
        float p = 1 + f * (1 + f * (0.5f + f * (1.0f / 6 + f * (1.0f / 24 + f * (1.0f / 120 + f * (1.0f / 720
                                                                                     + f * (1.0f / 5040)))))));
        int bits = (k + 127) << 23;
        float scale;
        memcpy(&scale, &bits, sizeof scale);
        float e = p * scale;
        float r = a < 0.3f ? small : (1 - e) / (1 + e);
        y[i] = __builtin_copysignf(r, v);
    }
}

// Batch-normalisation passes. Sums may be reassociated so the compiler vectorises them (lanes
// of partial sums); a channel holds at most a few hundred thousand values here.

GK_CLONES void gk_channel_moments(const float *restrict x, ptrdiff_t n, ptrdiff_t c, ptrdiff_t p, ptrdiff_t first,
                                  ptrdiff_t last, float *restrict mean, float *restrict variance) {
#pragma clang fp reassociate(on)
    for (ptrdiff_t ch = first; ch < last; ch++) {
        float s = 0;
        for (ptrdiff_t i = 0; i < n; i++) {
            const float *r = x + (i * c + ch) * p;
            for (ptrdiff_t k = 0; k < p; k++) s += r[k];
        }
        float m = s / (float)(n * p), q = 0;
        for (ptrdiff_t i = 0; i < n; i++) {
            const float *r = x + (i * c + ch) * p;
            for (ptrdiff_t k = 0; k < p; k++) {
                float dev = r[k] - m;
                q += dev * dev;
            }
        }
        mean[ch] = m;
        variance[ch] = q / (float)(n * p);
    }
}

GK_CLONES void gk_channel_affine(const float *restrict u, const float *restrict v, ptrdiff_t n, ptrdiff_t c,
                                 ptrdiff_t p, ptrdiff_t first, ptrdiff_t last, const float *restrict a,
                                 const float *restrict b, const float *restrict d, float *restrict y) {
    for (ptrdiff_t i = 0; i < n; i++) {
        for (ptrdiff_t ch = first; ch < last; ch++) {
            ptrdiff_t o = (i * c + ch) * p;
            float ac = a[ch], dc = d[ch];
            if (v) {
                float bc = b[ch];
                for (ptrdiff_t k = 0; k < p; k++) y[o + k] = ac * u[o + k] + bc * v[o + k] + dc;
            } else {
                for (ptrdiff_t k = 0; k < p; k++) y[o + k] = ac * u[o + k] + dc;
            }
        }
    }
}

GK_CLONES void gk_channel_gradient_sums(const float *restrict g, const float *restrict x, ptrdiff_t n, ptrdiff_t c,
                                        ptrdiff_t p, ptrdiff_t first, ptrdiff_t last, const float *restrict mean,
                                        float *restrict sumG, float *restrict sumGX) {
#pragma clang fp reassociate(on)
    for (ptrdiff_t ch = first; ch < last; ch++) {
        float m = mean[ch], s = 0, t = 0;
        for (ptrdiff_t i = 0; i < n; i++) {
            const float *gr = g + (i * c + ch) * p, *xr = x + (i * c + ch) * p;
            for (ptrdiff_t k = 0; k < p; k++) {
                s += gr[k];
                t += gr[k] * (xr[k] - m);
            }
        }
        sumG[ch] = s;
        sumGX[ch] = t;
    }
}
