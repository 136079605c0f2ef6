"""Writes grid_sample.json: PyTorch's bilinear grid_sample (align_corners=False) for each
padding mode, with the gradients of <output, upstream> w.r.t. the image and the grid.

Run from this folder: python3 grid_sample.py (PyTorch 2.x, CPU). Inputs are float32 values
and the reference is computed in float64, well below Float32 rounding. The image is 5x6
(non-square, to catch a swapped x/y) and the grid reaches 1.6 beyond [-1, 1], so every
padding mode matters.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(20240611)
cases = []
for padding in ["zeros", "border", "reflection"]:
    # Inputs are rounded to float32 first, so they are exactly what the Swift test reads.
    x = torch.randn(2, 3, 5, 6).double().requires_grad_(True)
    grid = ((torch.rand(2, 4, 3, 2) * 2 - 1) * 1.6).double().requires_grad_(True)
    upstream = torch.randn(2, 3, 4, 3).double()
    y = F.grid_sample(x, grid, mode="bilinear", padding_mode=padding, align_corners=False)
    dx, dgrid = torch.autograd.grad((y * upstream).sum(), [x, grid])
    cases.append({
        "padding": padding,
        "x": x.detach().flatten().tolist(), "xShape": list(x.shape),
        "grid": grid.detach().flatten().tolist(), "gridShape": list(grid.shape),
        "upstream": upstream.flatten().tolist(),
        "output": y.detach().flatten().tolist(), "outputShape": list(y.shape),
        "imageGradient": dx.flatten().tolist(),
        "gridGradient": dgrid.flatten().tolist(),
    })
with open("grid_sample.json", "w") as f:
    json.dump({"generator": "grid_sample.py", "torch": torch.__version__, "cases": cases}, f, indent=None)
    f.write("\n")
