#!/usr/bin/env python3
"""Writes resampling_fixtures.json: PyTorch reference values for GANTensor's avgPool2d (also
padded, with and without count_include_pad), maxPool2d, upsampleNearest and upsampleBilinear
(align_corners=False, by size and by scale factor).

For each case x and proj are drawn in float32; y = op(x) and grad = d sum(y * proj) / dx (the
op's adjoint applied to proj) are computed in float64 and rounded to float32 on output.
Usage (from the repository root; needs PyTorch, CI does not):
  python3 Tests/GANTensorTests/Fixtures/make_resampling_fixtures.py
"""
import torch
import torch.nn.functional as F

from fixture_json import as_json, write_cases

# (op, x shape, parameters)
CASES = [
    ("avgPool2d", [2, 3, 6, 6], {"kernel": 2, "stride": 2}),
    ("avgPool2d", [1, 2, 7, 5], {"kernel": 3, "stride": 2}),
    ("avgPool2d", [2, 2, 5, 5], {"kernel": 2, "stride": 1}),
    ("upsampleNearest", [2, 2, 3, 4], {"factor": 2}),
    ("upsampleNearest", [1, 3, 2, 3], {"factor": 3}),
    ("upsampleBilinear", [2, 2, 3, 4], {"size": [6, 8]}),
    ("upsampleBilinear", [1, 2, 5, 5], {"size": [7, 3]}),
    ("upsampleBilinear", [1, 1, 4, 4], {"size": [2, 2]}),
    ("upsampleBilinear", [1, 2, 3, 5], {"scale": 1.5}),
    ("upsampleBilinear", [2, 1, 4, 3], {"scale": 2.0}),
    # Inception-v3's pools (appended so that the cases above keep their draws).
    ("avgPool2d", [2, 3, 6, 5], {"kernel": 3, "stride": 1, "padding": 1, "countIncludePad": False}),
    ("avgPool2d", [1, 2, 7, 7], {"kernel": 3, "stride": 2, "padding": 1, "countIncludePad": True}),
    ("avgPool2d", [1, 2, 8, 8], {"kernel": 8, "stride": 8}),
    ("maxPool2d", [2, 3, 7, 9], {"kernel": 3, "stride": 2}),
    ("maxPool2d", [2, 2, 5, 6], {"kernel": 3, "stride": 1, "padding": 1}),
    ("maxPool2d", [1, 2, 8, 7], {"kernel": 2, "stride": 2, "padding": 1}),
]


def apply(op, x, p):
    if op == "avgPool2d":
        return F.avg_pool2d(x, p["kernel"], stride=p["stride"], padding=p.get("padding", 0),
                            count_include_pad=p.get("countIncludePad", True))
    if op == "maxPool2d":
        return F.max_pool2d(x, p["kernel"], stride=p["stride"], padding=p.get("padding", 0))
    if op == "upsampleNearest":
        return F.interpolate(x, scale_factor=p["factor"], mode="nearest")
    if "size" in p:
        return F.interpolate(x, size=tuple(p["size"]), mode="bilinear", align_corners=False)
    return F.interpolate(x, scale_factor=p["scale"], mode="bilinear", align_corners=False)


def main():
    gen = torch.Generator().manual_seed(20240612)
    cases = []
    for op, shape, params in CASES:
        x = torch.randn(shape, generator=gen, dtype=torch.float32).to(torch.float64).requires_grad_()
        y = apply(op, x, params)
        proj = torch.randn(list(y.shape), generator=gen, dtype=torch.float32).to(torch.float64)
        (grad,) = torch.autograd.grad((y * proj).sum(), [x])
        cases.append({"op": op, "parameters": params, "x": as_json(x), "proj": as_json(proj),
                      "y": as_json(y), "grad": as_json(grad)})
    write_cases(__file__, "resampling_fixtures.json", cases)


if __name__ == "__main__":
    main()
