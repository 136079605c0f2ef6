"""Reference values for Tests/GANMetricsTests/DiagnosticsTests.swift, computed independently of
GANKit with numpy and scipy (run: python3 diagnostics_reference.py).

1. Perceptual narrowing: a 16x16 map m[i] = |sin(0.37 i) * cos(0.011 i^2)| (row-major i),
   thresholded at numpy's lower quantile q, pixels strictly above it, 8-connected regions
   counted by scipy.ndimage.label with a 3x3 structure of ones.
2. Self-dissimilarity of a gradient field g[i] = cos(0.21 i), shape (2, 3, 4, 4): each sample
   flattened (48 values), zero-padded to 8x8, min-max normalised (eps 1e-12), then
   SD_k = mean((P_k - upsample2(avgpool2(P_k)))^2) for k = 0, 1, 2.
"""
import numpy as np
from scipy import ndimage

i = np.arange(256, dtype=np.float64)
m = np.abs(np.sin(0.37 * i) * np.cos(0.011 * i * i)).reshape(16, 16)
for q in (0.9, 0.7):
    t = np.quantile(m, q, method="lower")
    _, count = ndimage.label(m > t, structure=np.ones((3, 3)))
    print(f"q={q}: threshold {t:.9f}, regions {count}")

g = np.cos(0.21 * np.arange(2 * 3 * 4 * 4, dtype=np.float64)).reshape(2, 48)
p = np.concatenate([g, np.zeros((2, 16))], axis=1).reshape(2, 8, 8)
lo = p.min(axis=(1, 2), keepdims=True)
hi = p.max(axis=(1, 2), keepdims=True)
p = (p - lo) / (hi - lo + 1e-12)
sd = []
while p.shape[1] > 1:
    n, s, _ = p.shape
    coarse = p.reshape(n, s // 2, 2, s // 2, 2).mean(axis=(2, 4))
    sd.append(((p - coarse.repeat(2, axis=1).repeat(2, axis=2)) ** 2).mean())
    p = coarse
print("SD_k:", ", ".join(f"{v:.9f}" for v in sd))
