#!/usr/bin/env python3
"""Reference values for GANMetrics' tests: FID as pytorch-fid computes it (scipy.linalg.sqrtm,
and the symmetric-eigenvalue form GANKit uses), KID as torch-fidelity computes it (its
polynomial kernel and unbiased MMD² written out below, on subsets listed in the fixture so both
sides use the same ones) and precision/recall/density/coverage as the `prdc` package computes
them (its functions written out below), on small seeded feature sets.

The feature sets are not stored: both sides generate them from SplitMix64 with the same Float64
arithmetic (see `features`), rounded to Float32. Usage: python3 make_metric_fixtures.py > metric_fixtures.json
"""
import json
import numpy as np
import scipy.linalg

MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def splitmix64(x):
    """SplitMix64's output function applied to the counters x (uint64 array)."""
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def uniform(seed, counters):
    """Uniform in [0, 1) with 53 bits from counter `seed·2³² + counter`."""
    bits = splitmix64(np.uint64(seed) * np.uint64(1 << 32) + counters.astype(np.uint64))
    return (bits >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def features(seed, n, d, scale, shift):
    """x[i, j] = scale·(2u − 1) + w_j·(2s_i − 1) + shift·(j mod 5)/4 with u, s uniform, w_j = 1.5·(j mod 7)/7:
    independent noise plus a shared per-row factor (so Σ is not diagonal) and a mean offset."""
    i = np.arange(n)[:, None]; j = np.arange(d)[None, :]
    u = uniform(seed, i * (d + 1) + j)
    s = uniform(seed, i * (d + 1) + d)
    w = 1.5 * (j % 7) / 7
    x = scale * (2 * u - 1) + w * (2 * s - 1) + shift * (j % 5) / 4
    return x.astype(np.float32).astype(np.float64)


# pytorch-fid 0.3.0, fid_score.calculate_frechet_distance (without its eps retry, never needed here).
def fid_sqrtm(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    diff = mu1 - mu2
    covmean = scipy.linalg.sqrtm(s1.dot(s2)).real  # pytorch-fid passes disp=False, deprecated in SciPy 1.17
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def fid_eigh(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    w, v = np.linalg.eigh(s1)
    r1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    e = np.linalg.eigvalsh(r1 @ s2 @ r1)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(e, 0, None)).sum())


# torch-fidelity 0.3.0, metric_kid.polynomial_kernel and mmd2 (equal subset sizes m).
def polynomial_kernel(x, y, degree=3, coef0=1):
    gamma = 1.0 / x.shape[1]
    return (x @ y.T * gamma + coef0) ** degree


def mmd2(f1, f2):
    k11, k22, k12 = polynomial_kernel(f1, f1), polynomial_kernel(f2, f2), polynomial_kernel(f1, f2)
    m = f1.shape[0]
    kt_xx_sum = (k11.sum(axis=-1) - np.diagonal(k11)).sum()
    kt_yy_sum = (k22.sum(axis=-1) - np.diagonal(k22)).sum()
    k_xy_sum = k12.sum(axis=0).sum()
    return (kt_xx_sum + kt_yy_sum) / (m * (m - 1)) - 2 * k_xy_sum / (m ** 2)


def mmd2_unequal(f1, f2):  # the same estimator for m ≠ n (whole sets of different sizes)
    k11, k22, k12 = polynomial_kernel(f1, f1), polynomial_kernel(f2, f2), polynomial_kernel(f1, f2)
    m, n = len(f1), len(f2)
    return ((k11.sum() - np.trace(k11)) / (m * (m - 1)) + (k22.sum() - np.trace(k22)) / (n * (n - 1))
            - 2 * k12.mean())


# prdc 0.2, prdc.py (scikit-learn's euclidean pairwise_distances).
def pairwise(x, y=None):
    y = x if y is None else y
    d2 = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2 * x @ y.T
    d = np.sqrt(np.maximum(d2, 0))
    if y is x:
        np.fill_diagonal(d, 0)
    return d


def kth_value(unsorted, k):
    indices = np.argpartition(unsorted, k, axis=-1)[..., :k]
    return np.take_along_axis(unsorted, indices, axis=-1).max(axis=-1)


def prdc(real, fake, k):
    real_r = kth_value(pairwise(real), k + 1)
    fake_r = kth_value(pairwise(fake), k + 1)
    d = pairwise(real, fake)
    precision = (d < real_r[:, None]).any(axis=0).mean()
    recall = (d < fake_r[None, :]).any(axis=1).mean()
    density = (1.0 / k) * (d < real_r[:, None]).sum(axis=0).mean()
    coverage = (d.min(axis=1) < real_r).mean()
    return dict(precision=float(precision), recall=float(recall), density=float(density), coverage=float(coverage))


def case(name, real_spec, fake_spec, subsets, subset_size, k, seed):
    real, fake = features(**real_spec), features(**fake_spec)
    rng = np.random.RandomState(seed)
    draws = [(sorted(rng.choice(len(real), subset_size, replace=False).tolist()),
              sorted(rng.choice(len(fake), subset_size, replace=False).tolist())) for _ in range(subsets)]
    mmds = np.array([mmd2(real[r], fake[f]) for r, f in draws])
    return dict(name=name, real=real_spec, fake=fake_spec,
                fid_sqrtm=fid_sqrtm(real, fake), fid_eigh=fid_eigh(real, fake),
                fid_self=fid_eigh(real, real),
                kid_subsets=[dict(real=r, fake=f) for r, f in draws],
                kid_mean=float(mmds.mean()), kid_std=float(np.std(mmds)),
                kid_whole_sets=float(mmd2_unequal(real, fake)),
                k=k, **prdc(real, fake, k))


cases = [
    case("shifted means, 300×64 vs 250×64",
         dict(seed=1, n=300, d=64, scale=1.0, shift=0.0), dict(seed=2, n=250, d=64, scale=1.0, shift=0.3),
         subsets=10, subset_size=100, k=3, seed=2020),
    case("wider noise and shifted means, 200×32 vs 180×32, k = 5",
         dict(seed=3, n=200, d=32, scale=0.9, shift=0.15), dict(seed=4, n=180, d=32, scale=1.1, shift=0.0),
         subsets=8, subset_size=150, k=5, seed=7),
]
print(json.dumps(cases))
