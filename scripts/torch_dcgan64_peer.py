#!/usr/bin/env python3
"""The PyTorch peer of the `emoji64` experiment (Examples/experiments/emoji64.json).

Trains GANKit's emoji64 baseline setting in PyTorch, so that GANKit's result on it can be told
apart from the setting's: DCGAN-64 at width 32 (G: linear 128 -> 8w x 4 x 4, BatchNorm, ReLU, four
4x4 stride-2 transposed convolutions 8w -> 4w -> 2w -> w -> 3 with BatchNorm and ReLU between,
tanh; D: four 4x4 stride-2 convolutions 3 -> w -> 2w -> 4w -> 8w with LeakyReLU(0.2) and no
normalisation, linear 8w x 4 x 4 -> 1), the DCGAN initialisation (weights N(0, 0.02), biases 0,
BatchNorm gamma N(1, 0.02)), the non-saturating loss, Adam 2e-4 (0.5, 0.999), lazy R1 (gamma 0.01
every 16th D step, times 16, D's Adam at lr 16/17 and beta^(16/17)), generator EMA 0.99 with the
warm-up min(0.99, (1 + t)/(10 + t)), batch 64. This is what Sources/GANModels (DCGANGenerator,
DCGANDiscriminator, DCGANInitialization), Sources/RegularizerR1/R1.swift and
Sources/GANCore/Techniques/GeneratorEMA.swift state.

The images are the EmojiOne PNGs GANKit's `emoji` source reads (Sources/GANIO/EmojiOneSource.swift),
sorted by file name, decoded as Sources/GANIO/PNGImageTensor.swift does: RGBA, alpha composited
on white in the 8-bit values (c * a + 255 * (1 - a)), then s / 127.5 - 1.

At each iteration of --eval-at it writes, under OUT/iter-NNNNNN/, --num sample PNGs in two
folders and an 8x8 grid of each:
  ema   the EMA weights in eval mode (BatchNorm's running statistics of the live generator):
        what GANKit's grids and FIDs show (TrainingPipeline.sample);
  live  the live generator with batch statistics: what D is trained against.
Score a folder with GANKit's evaluator:
  .build/release/gankit evaluate --real emoji --fake OUT/iter-000500/ema --num 150 --seed 0
`--d-batchnorm` puts BatchNorm after D's 2nd-4th convolutions (PyTorch's DCGAN example); R1 is
then taken through batch statistics, as in that example's D. `--sample-checkpoint DIR` trains
nothing: it writes the samples of a GANKit checkpoint's generator with the live and the EMA
weights, each in eval mode and with batch statistics (folders live-eval, live-batch, ema-eval,
ema-batch), to tell the generator's quality from its sampling mode. `--real-grid` writes an 8x8 grid of
the first 64 training images as decoded here. Prints one JSON line per progress step and a
summary object last.

Usage: python3 scripts/torch_dcgan64_peer.py --out runs/peer [--iterations 500]
           [--eval-at 250,500] [--width 32] [--r1-gamma 0.01] [--limit N] [--seed 1]
           [--threads 2]                                  (pip install "torch==2.13.0+cpu" pillow)
"""
import argparse
import copy
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

import peer_common


def load_images(folder, limit):
    """[N, 3, 64, 64] in [-1, 1]: PNGs sorted by name, alpha composited on white."""
    files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".png") and not f.startswith("."))
    if limit:
        files = files[:limit]
    images = []
    for f in files:
        rgba = np.asarray(Image.open(os.path.join(folder, f)).convert("RGBA"), dtype=np.float32)
        alpha = rgba[..., 3:4] / 255
        rgb = rgba[..., :3] * alpha + 255 * (1 - alpha)
        images.append(rgb.transpose(2, 0, 1) / 127.5 - 1)
    return torch.from_numpy(np.stack(images)), files


def to_uint8(x):
    """[N, 3, H, W] in [-1, 1] -> [N, H, W, 3] bytes, round((clamp(v) + 1) * 127.5)."""
    return ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()


def write_grid(x, path, columns=8):
    """An image grid with 2-pixel black gaps."""
    pixels = to_uint8(x)
    n, h, w, _ = pixels.shape
    rows = (n + columns - 1) // columns
    grid = np.zeros((rows * (h + 2) + 2, columns * (w + 2) + 2, 3), np.uint8)
    for i, p in enumerate(pixels):
        r, c = divmod(i, columns)
        grid[2 + r * (h + 2):2 + r * (h + 2) + h, 2 + c * (w + 2):2 + c * (w + 2) + w] = p
    Image.fromarray(grid).save(path)


def write_folder(x, folder):
    os.makedirs(folder, exist_ok=True)
    for i, p in enumerate(to_uint8(x)):
        Image.fromarray(p).save(os.path.join(folder, f"{i:05d}.png"))


class G(nn.Module):
    def __init__(self, nz, w):
        super().__init__()
        self.c0 = 8 * w
        self.fc = nn.Linear(nz, self.c0 * 16)
        self.bn0 = nn.BatchNorm2d(self.c0)
        layers = []
        for cin, cout in [(8 * w, 4 * w), (4 * w, 2 * w), (2 * w, w)]:
            layers += [nn.ConvTranspose2d(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout), nn.ReLU()]
        self.net = nn.Sequential(*layers, nn.ConvTranspose2d(w, 3, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        return self.net(F.relu(self.bn0(self.fc(z).view(-1, self.c0, 4, 4))))


class D(nn.Module):
    def __init__(self, w, batchnorm):
        super().__init__()
        layers, cin = [], 3
        for i, cout in enumerate([w, 2 * w, 4 * w, 8 * w]):
            layers.append(nn.Conv2d(cin, cout, 4, 2, 1))
            if batchnorm and i > 0:
                layers.append(nn.BatchNorm2d(cout))
            layers.append(nn.LeakyReLU(0.2))
            cin = cout
        self.net = nn.Sequential(*layers)
        self.fc = nn.Linear(8 * w * 16, 1)

    def forward(self, x):
        return self.fc(self.net(x).flatten(1))


def dcgan_init(module):
    """Radford et al. 2016: weights N(0, 0.02), biases 0, BatchNorm gamma N(1, 0.02), beta 0."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0, 0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1, 0.02)
            nn.init.zeros_(m.bias)


def load_gankit_generator(checkpoint, nz, w):
    """GANKit's generator from a checkpoint directory (docs/checkpoint-format.md): the live
    weights and running statistics, and the EMA weights, under the same parameter names."""
    g = G(nz, w)
    state = {**peer_common.checkpoint_tensors(checkpoint, "generator.parameter."),
             **peer_common.checkpoint_tensors(checkpoint, "generator.buffer.")}
    missing, unexpected = g.load_state_dict(state, strict=False)
    if unexpected or any(not m.endswith("num_batches_tracked") for m in missing):
        raise SystemExit(f"{checkpoint}: generator tensors do not match: missing {missing}, unexpected {unexpected}")
    return g, peer_common.checkpoint_tensors(checkpoint, "generatorEMA.")


def sample_checkpoint(args):
    """Samples of a GANKit checkpoint's generator in the four (weights, BatchNorm mode) pairs."""
    g, ema = load_gankit_generator(args.sample_checkpoint, args.latent, args.width)
    fixed = torch.randn(max(args.num, 64), args.latent, generator=torch.Generator().manual_seed(0))
    for weights in ["live", "ema"]:
        for mode in ["eval", "batch"]:
            sampler = copy.deepcopy(g)
            if weights == "ema":
                sampler.load_state_dict(ema, strict=False)
            sampler.train(mode == "batch")
            with torch.no_grad():
                x = sampler(fixed[:args.num])
            name = f"{weights}-{mode}"
            write_folder(x, os.path.join(args.out, name))
            write_grid(x[:64], os.path.join(args.out, name + "-grid.png"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--folder", default=peer_common.EMOJI)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--iterations", type=int, default=500)
    ap.add_argument("--eval-at", default="250,500")
    ap.add_argument("--num", type=int, default=150)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--latent", type=int, default=128)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--r1-gamma", type=float, default=0.01)
    ap.add_argument("--r1-interval", type=int, default=16)
    ap.add_argument("--ema", type=float, default=0.99)
    ap.add_argument("--d-batchnorm", action="store_true")
    ap.add_argument("--real-grid", action="store_true")
    ap.add_argument("--progress-every", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sample-checkpoint", help="a GANKit checkpoint directory: only write its samples")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.sample_checkpoint:
        return sample_checkpoint(args)
    data, files = load_images(args.folder, args.limit)
    if args.real_grid:
        write_grid(data[:64], os.path.join(args.out, "real-grid.png"))
    g, d = G(args.latent, args.width), D(args.width, args.d_batchnorm)
    dcgan_init(g)
    dcgan_init(d)
    ema = {k: v.detach().clone() for k, v in g.named_parameters()}
    k = args.r1_interval
    ratio = k / (k + 1) if k > 1 else 1
    opt_g = torch.optim.Adam(g.parameters(), lr=args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=args.lr * ratio, betas=(0.5 ** ratio, 0.999 ** ratio))
    eval_at = {int(s) for s in args.eval_at.split(",") if s}
    fixed = torch.randn(max(args.num, 64), args.latent, generator=torch.Generator().manual_seed(0))
    order, cursor = torch.randperm(len(data)), 0
    gaps, start = [], time.perf_counter()
    print(json.dumps({"images": len(data), "first": files[0], "min": data.min().item(), "max": data.max().item(),
                      "G_params": sum(p.numel() for p in g.parameters()),
                      "D_params": sum(p.numel() for p in d.parameters()), **vars(args)}), flush=True)
    for it in range(1, args.iterations + 1):
        if cursor + args.batch > len(order):
            order, cursor = torch.randperm(len(data)), 0
        real = data[order[cursor:cursor + args.batch]]
        cursor += args.batch
        with torch.no_grad():
            fake = g(torch.randn(args.batch, args.latent))
        due = k >= 1 and (it - 1) % k == 0 and args.r1_gamma > 0
        if due:
            real.requires_grad_(True)
        real_logits, fake_logits = d(real).view(-1), d(fake).view(-1)
        loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
        if due:
            (grad,) = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
            loss_d = loss_d + k * args.r1_gamma / 2 * grad.pow(2).sum() / len(real)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        gap = (real_logits.mean() - fake_logits.mean()).item()
        if it > args.iterations // 2:
            gaps.append(gap)
        loss_g = F.softplus(-d(g(torch.randn(args.batch, args.latent)))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        beta = min(args.ema, it / (9 + it))   # GANKit's (1 + t)/(10 + t) with t = it - 1
        with torch.no_grad():
            for name, p in g.named_parameters():
                ema[name].mul_(beta).add_(p, alpha=1 - beta)
        if it % args.progress_every == 0:
            print(json.dumps({"iteration": it, "lossD": round(loss_d.item(), 4), "lossG": round(loss_g.item(), 4),
                              "gap": round(gap, 4), "seconds": round(time.perf_counter() - start, 1)}), flush=True)
        if it in eval_at:
            folder = os.path.join(args.out, f"iter-{it:06d}")
            os.makedirs(folder, exist_ok=True)
            with torch.no_grad():
                sampler = copy.deepcopy(g)       # a copy, so the live batch pass moves no running statistics of g
                live = sampler(fixed[:args.num])
                sampler.load_state_dict(g.state_dict())
                sampler.eval()
                for n, p in sampler.named_parameters():
                    p.copy_(ema[n])
                averaged = sampler(fixed[:args.num])
            write_folder(averaged, os.path.join(folder, "ema"))
            write_folder(live, os.path.join(folder, "live"))
            write_grid(averaged[:64], os.path.join(folder, "ema-grid.png"))
            write_grid(live[:64], os.path.join(folder, "live-grid.png"))
    seconds = time.perf_counter() - start
    print(json.dumps({"iterations": args.iterations, "trainingSeconds": round(seconds, 1),
                      "secondsPerIteration": round(seconds / args.iterations, 3),
                      "gapSecondHalf": sum(gaps) / max(len(gaps), 1)}), flush=True)


if __name__ == "__main__":
    main()
