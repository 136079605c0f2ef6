#!/usr/bin/env python3
"""Writes stylegan2_models.json: a tiny StyleGAN2 generator and discriminator built by
stylegan2-ada-pytorch's own `training/networks.py`, their weights, and what they compute, for
GANModels' StyleGAN2Generator and StyleGAN2Discriminator (StyleGAN2ModelFixtureTests).

The official code is imported from a checkout of https://github.com/NVlabs/stylegan2-ada-pytorch
given as the first argument (it is not part of this repository); on CPU its ops run their
reference PyTorch implementations, nothing is compiled. The networks are built (tiny_stylegan2.py) as
  Generator(z_dim=6, c_dim=0, w_dim=6, img_resolution=16, img_channels=3,
            mapping_kwargs=dict(num_layers=2),
            synthesis_kwargs=dict(channel_base=64, channel_max=4))          (skip architecture)
  Discriminator(c_dim=0, img_resolution=16, img_channels=3, channel_base=64, channel_max=4)
                                                                          (resnet architecture)
in float32 (the official blocks cast to float32 themselves), with every parameter and w_avg
redrawn (torch.manual_seed(0)) so that no bias, noise strength or average is at its zero start
(values written with 9 significant digits, which round-trip float32).
Recorded, every tensor as {"shape", "values"} (row-major):
  G.<name>, D.<name>        every parameter and buffer except the fixed resample filters
  z, z2 [4, 6]              latents;  proj [4, 3, 16, 16] a projection;  x [4, 3, 16, 16] images
  img_const                 G(z, noise_mode='const')
  img_trunc                 G(z, truncation_psi=0.7, noise_mode='const')
  img_mixed                 G.synthesis(ws, noise_mode='const'), ws[:, :3] from z, ws[:, 3:] from z2
  g_grad.<name>             d sum(img_const * proj) / d G parameter
  d_logits                  D(x)
  d_grad_x, d_grad.<name>   d sum(D(x)) / d x and / d D parameter
  r1, r1_grad.<name>        R1 = mean_i |d sum(D(x)) / d x_i|^2 (the official loss's r1_penalty
                            before gamma/2, averaged) and its gradient / d D parameter
The generator runs with fused_modconv=False, the path its blocks take while training.
Usage (needs PyTorch; CI does not):
  git clone https://github.com/NVlabs/stylegan2-ada-pytorch /tmp/stylegan2-ada-pytorch
  python3 Tests/GANModelsTests/Fixtures/make_stylegan2_model_fixtures.py /tmp/stylegan2-ada-pytorch
"""
import sys

import torch

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "stylegan2-ada-pytorch")
from tiny_stylegan2 import CONFIG, build, entry, record_weights, write  # noqa: E402  (needs the official code)


def main():
    c = CONFIG
    G, D = build(redrawn=("G", "D"))
    out = {"config": c, "tensors": {}}
    t = out["tensors"]
    record_weights(t, G=G, D=D)

    n, r = c["batch"], c["resolution"]
    z = torch.randn([n, c["z_dim"]])
    z2 = torch.randn([n, c["z_dim"]])
    proj = torch.randn([n, c["channels"], r, r])
    x = torch.rand([n, c["channels"], r, r]) * 2 - 1
    t["z"], t["z2"], t["proj"], t["x"] = entry(z), entry(z2), entry(proj), entry(x)

    img = G(z, None, noise_mode="const", fused_modconv=False)
    t["img_const"] = entry(img)
    g_params = [(name, p) for name, p in G.named_parameters()]
    grads = torch.autograd.grad((img * proj).sum(), [p for _, p in g_params], allow_unused=True)
    for (name, p), g in zip(g_params, grads):
        t[f"g_grad.{name}"] = entry(g if g is not None else torch.zeros_like(p))
    with torch.no_grad():
        t["img_trunc"] = entry(G(z, None, truncation_psi=0.7, noise_mode="const", fused_modconv=False))
        ws = G.mapping(z, None).clone()
        ws[:, 3:] = G.mapping(z2, None)[:, 3:]
        t["img_mixed"] = entry(G.synthesis(ws, noise_mode="const", fused_modconv=False))

    d_params = [(name, p) for name, p in D.named_parameters()]
    xg = x.clone().requires_grad_(True)
    logits = D(xg, None)
    t["d_logits"] = entry(logits)
    grads = torch.autograd.grad(logits.sum(), [xg] + [p for _, p in d_params])
    t["d_grad_x"] = entry(grads[0])
    for (name, _), g in zip(d_params, grads[1:]):
        t[f"d_grad.{name}"] = entry(g)

    xr = x.clone().requires_grad_(True)
    (gx,) = torch.autograd.grad(D(xr, None).sum(), [xr], create_graph=True)
    r1 = gx.square().sum([1, 2, 3]).mean()
    t["r1"] = entry(r1)
    grads = torch.autograd.grad(r1, [p for _, p in d_params], allow_unused=True)  # out.bias: unused
    for (name, p), g in zip(d_params, grads):
        t[f"r1_grad.{name}"] = entry(g if g is not None else torch.zeros_like(p))

    path = write(__file__, "stylegan2_models.json", out)
    print(f"wrote {path}: {len(t)} tensors")


if __name__ == "__main__":
    main()
