#!/usr/bin/env python3
"""Writes path_length.json: the path-length penalty of stylegan2-ada-pytorch's own loss
(`training/loss.py`, `StyleGAN2Loss.accumulate_gradients`, phase 'Greg') on a tiny StyleGAN2
generator with fixed weights, for RegularizerPathLength's `PathLength` (PathLengthFixtureTests).

The official code is imported from a checkout of https://github.com/NVlabs/stylegan2-ada-pytorch
given as the first argument (it is not part of this repository); on CPU its ops run their
reference PyTorch implementations, nothing is compiled. The generator is (built by
Tests/GANModelsTests/Fixtures/tiny_stylegan2.py, shared with the model fixtures)
  Generator(z_dim=6, c_dim=0, w_dim=6, img_resolution=16, img_channels=3,
            mapping_kwargs=dict(num_layers=2),
            synthesis_kwargs=dict(channel_base=64, channel_max=4))          (skip architecture)
with every parameter and w_avg redrawn (torch.manual_seed(0)) so that no bias or noise strength
is at its zero start, in evaluation mode (no w_avg update), without style mixing
(style_mixing_prob=0) and with constant noise (noise_mode='const'), so that the penalty is a
function of the weights, the latents and the draws y alone. `torch.randn_like`, which the loss
calls for y, returns the recorded draws `noise1` and `noise2`. The loss runs twice, with
pl_weight=2, pl_decay=0.01, pl_batch_shrink=2 (the official defaults) and gain 1, on the batch
`z` [4, 6] (so on z[:2]), starting from pl_mean = 0.
Recorded, every tensor as {"shape", "values"} (row-major, 9 significant digits):
  G.<name>                 every parameter and buffer except the fixed resample filters
  z, noise1, noise2        the latents and the standard normal draws for y of the two calls
  penalty1, penalty2       mean(pl_penalty) * pl_weight of each call (loss_Gpl's mean)
  pl_mean1, pl_mean2       pl_mean after each call
  grad.<name>              d (mean(pl_penalty) * pl_weight) / d G parameter, first call
  d_receives_gradient      whether any D parameter got a gradient (the 'Greg' phase trains G only)
Usage (needs PyTorch; CI does not):
  git clone https://github.com/NVlabs/stylegan2-ada-pytorch /tmp/stylegan2-ada-pytorch
  python3 Tests/GANKitTests/Fixtures/make_path_length_fixture.py /tmp/stylegan2-ada-pytorch
"""
import os
import sys

import torch

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "stylegan2-ada-pytorch")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "GANModelsTests", "Fixtures"))
from tiny_stylegan2 import CONFIG, build, entry, record_weights, write  # noqa: E402  (needs the official code)
from training import loss as official_loss  # noqa: E402  (the official code)


class ConstantNoiseSynthesis(torch.nn.Module):
    """G.synthesis with noise_mode='const' and fused_modconv=False, the path its blocks take while training."""

    def __init__(self, synthesis):
        super().__init__()
        self.synthesis = synthesis

    def forward(self, ws):
        return self.synthesis(ws, noise_mode="const", fused_modconv=False)


def main():
    c = CONFIG
    G, D = build(redrawn=("G",))
    out = {"config": c, "tensors": {}}
    t = out["tensors"]
    record_weights(t, G=G)

    n, r = c["batch"], c["resolution"]
    z = torch.randn([n, c["z_dim"]])
    noises = [torch.randn([n // 2, c["channels"], r, r]) for _ in range(2)]
    t["z"], t["noise1"], t["noise2"] = entry(z), entry(noises[0]), entry(noises[1])

    loss = official_loss.StyleGAN2Loss(device=torch.device("cpu"), G_mapping=G.mapping, G_synthesis=ConstantNoiseSynthesis(G.synthesis),
                                       D=D, style_mixing_prob=0, pl_batch_shrink=2, pl_decay=0.01, pl_weight=2)
    reported = {}
    original_report = official_loss.training_stats.report
    official_loss.training_stats.report = lambda name, value: reported.__setitem__(name, value) or value
    original_randn_like = torch.randn_like
    empty = torch.zeros([n, 0])
    for call, noise in enumerate(noises, start=1):
        torch.randn_like = lambda like, noise=noise: noise.clone()
        for p in list(G.parameters()) + list(D.parameters()):
            p.grad = None
        loss.accumulate_gradients("Greg", real_img=None, real_c=empty, gen_z=z, gen_c=empty, sync=False, gain=1)
        torch.randn_like = original_randn_like
        t[f"penalty{call}"] = entry(reported["Loss/G/reg"].mean())
        t[f"pl_mean{call}"] = entry(loss.pl_mean)
        if call == 1:
            for name, p in G.named_parameters():
                t[f"grad.{name}"] = entry(p.grad if p.grad is not None else torch.zeros_like(p))
            out["d_receives_gradient"] = any(p.grad is not None for p in D.parameters())
    official_loss.training_stats.report = original_report

    path = write(__file__, "path_length.json", out)
    print(f"wrote {path}: {len(t)} tensors; penalties {t['penalty1']['values']} {t['penalty2']['values']}, "
          f"pl_mean {t['pl_mean1']['values']} {t['pl_mean2']['values']}")


if __name__ == "__main__":
    main()
