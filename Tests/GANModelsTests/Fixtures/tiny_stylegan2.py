"""The tiny StyleGAN2 that the official-code fixture scripts share
(make_stylegan2_model_fixtures.py here, Tests/GANKitTests/Fixtures/make_path_length_fixture.py):
its settings, how a tensor is recorded, the networks built by stylegan2-ada-pytorch's own
`training/networks.py` with redrawn weights, and the fixture file written beside a script.

A script of this folder imports it as `import tiny_stylegan2` (Python puts the folder of the
script it runs on the import path); one elsewhere puts this folder on `sys.path` first. The
official code must already be importable as `training` (the scripts put the checkout given as
their first argument on `sys.path`).
"""
import json
import os

import torch
from training import networks  # noqa: E402  (the official code)

CONFIG = dict(z_dim=6, resolution=16, channels=3, mapping_layers=2, channel_base=64, channel_max=4, batch=4)


def entry(t):
    """`t` in float32 as {"shape": [...], "values": [...]}, row-major, 9 significant digits (which
    round-trip float32)."""
    t = torch.as_tensor(t).detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "values": [float(f"{v:.9g}") for v in t.reshape(-1).tolist()]}


def build(redrawn=("G", "D")):
    """torch.manual_seed(0), then
      Generator(z_dim=6, c_dim=0, w_dim=6, img_resolution=16, img_channels=3,
                mapping_kwargs=dict(num_layers=2),
                synthesis_kwargs=dict(channel_base=64, channel_max=4))          (skip architecture)
      Discriminator(c_dim=0, img_resolution=16, img_channels=3, channel_base=64, channel_max=4)
                                                                              (resnet architecture)
    both in evaluation mode, with every parameter of the networks named in `redrawn` (in that
    order) and then G's w_avg redrawn so that no bias, noise strength or average is at its zero
    start. Returns (G, D); the random stream continues from there."""
    torch.manual_seed(0)
    c = CONFIG
    G = networks.Generator(z_dim=c["z_dim"], c_dim=0, w_dim=c["z_dim"], img_resolution=c["resolution"],
                           img_channels=c["channels"], mapping_kwargs=dict(num_layers=c["mapping_layers"]),
                           synthesis_kwargs=dict(channel_base=c["channel_base"], channel_max=c["channel_max"]))
    D = networks.Discriminator(c_dim=0, img_resolution=c["resolution"], img_channels=c["channels"],
                               channel_base=c["channel_base"], channel_max=c["channel_max"])
    G.eval()
    D.eval()
    with torch.no_grad():
        for model in [{"G": G, "D": D}[name] for name in redrawn]:
            for name, p in model.named_parameters():
                if name.endswith("noise_strength"):
                    p.copy_(0.3 + 0.2 * torch.randn([]))
                elif name.endswith("affine.bias"):
                    p.copy_(1 + 0.2 * torch.randn(p.shape))
                elif name.endswith("bias"):  # the mapping layers use their stored bias × 0.01
                    p.copy_(0.2 * torch.randn(p.shape) * (100 if name.startswith("mapping") else 1))
                else:  # N(0, 1) / lr_multiplier, the official initialisation's scale
                    p.copy_(torch.randn(p.shape) * (100 if name.startswith("mapping") else 1))
        G.mapping.w_avg.copy_(0.5 * torch.randn(G.mapping.w_avg.shape))
    return G, D


def record_weights(tensors, **models):
    """Records every parameter and buffer of each model except the fixed resample filters, as
    `<prefix>.<name>` for each `prefix=model`."""
    for prefix, model in models.items():
        for name, v in list(model.named_parameters()) + list(model.named_buffers()):
            if not name.endswith("resample_filter"):
                tensors[f"{prefix}.{name}"] = entry(v)


def write(script, name, out):
    """Writes `out` as compact JSON and a newline to the file `name` in the folder of `script`
    (the caller's `__file__`); returns its path."""
    path = os.path.join(os.path.dirname(os.path.abspath(script)), name)
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    return path
