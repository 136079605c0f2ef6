#!/usr/bin/env python3
"""The PyTorch peer of `Examples/configs/stylegan2-ada-emoji64.json`: stylegan2-ada-pytorch's own
training loop, on the CPU, with the settings that config copies from its `auto` configuration and
GANKit's narrower widths -- so that a GANKit run and the official code can be compared at equal
kimg (docs/stylegan2.md, "The official code on the same data").

  train   runs the official `training/training_loop.py` (imported from a checkout of
          https://github.com/NVlabs/stylegan2-ada-pytorch given with --official; not part of this
          repository) with:
            data        the 1794 EmojiOne PNGs at 64 px, composited on white in 8-bit sRGB as
                        GANIO does (docs/image-data.md), written as RGB PNGs to DIR/dataset;
                        no x-flips (the config has none)
            networks    Generator / Discriminator of `training/networks.py`: z = w = 128,
                        two mapping layers, channel_base 1024, channel_max 128 (the `stylegan2`
                        family's defaults), residual D, minibatch std group 4, fp32 throughout
                        (num_fp16_res 0, conv_clamp None: GANKit has no mixed precision)
            training    `auto` at 64 px for one GPU: batch 32, Adam lr 0.0025, betas (0, 0.99),
                        eps 1e-8; StyleGAN2Loss with r1_gamma 0.0256 (lazy, every 16 D steps),
                        path length weight 2 (every 4 G steps), style mixing 0.9; G EMA 10 kimg
                        with ramp-up 0.05; ADA with the `bgc` pipeline, target 0.6, adjusted
                        every 4 steps at 500 kimg per unit of p
          The loop runs unchanged except for what a machine without CUDA needs: the device line
          is rewritten to the CPU, and `torch.cuda.Event`, `current_stream`,
          `max_memory_allocated`, `reset_peak_memory_stats` and `Tensor.pin_memory` are replaced
          by stand-ins that do nothing (they only time phases, report GPU memory and pin host
          memory); and `torch.utils.data.Sampler.__init__` accepts the data source again, which
          the loop's `InfiniteSampler` passes and PyTorch 2.2 and later no longer take. (Its
          `grid_sample_gradfix` falls back to `F.grid_sample`, whose double backward PyTorch now
          has; the warning that says so on every call is silenced.) Every 32 kimg (every
          4 x --snapshot-ticks kimg) it writes the official `fakesNNNNNN.png` grid and
          `network-snapshot-NNNNNN.pkl`; `stats.jsonl` and the log hold the official statistics.
  export  writes N images of a snapshot's G_ema as PNGs (z from N(0, 1) with --seed,
          noise_mode 'const', as the official `generate.py`), for
          `gankit evaluate --real RUN --fake FOLDER --num N`.
  grain   prints, for an official snapshot (.pkl) or a GANKit checkpoint folder (its tensors loaded
          by name into the official Generator), each synthesis layer's noise strength, the
          mean absolute difference between neighbouring pixels of 256 images (z from
          torch.manual_seed(0)), with each layer's constant noise and with the noise off: how much
          fine grain the generator and its EMA draw; and the images' spread over z (the standard
          deviation over the 256 images of each pixel, noise off, averaged over pixels): how much
          the image depends on z.
  compare prints, for each 32-kimg window, what D did in this run (`stats.jsonl`, one record per
          4-kimg tick) and in a GANKit run (`stats.jsonl`, one record per iteration): ADA's p at
          the window's end; the mean sign of D on the (augmented) reals, ADA's r_t (GANKit:
          2 * realAccuracy - 1); the mean logit on the reals and on the fakes.

Usage (needs PyTorch, NumPy, Pillow and psutil; CI does not run it):
  python3 scripts/torch_stylegan2_train.py train --official /tmp/stylegan2-ada-pytorch --output DIR
      [--kimg 25000] [--seed 1] [--snapshot-ticks 8] [--threads 2]
  python3 scripts/torch_stylegan2_train.py export --official /tmp/stylegan2-ada-pytorch
      --snapshot DIR/network-snapshot-000192.pkl --output FOLDER [--num 150] [--seed 0]
  python3 scripts/torch_stylegan2_train.py grain --official /tmp/stylegan2-ada-pytorch
      (DIR/network-snapshot-000096.pkl | GANKIT_RUN/checkpoints/iter-003000)
  python3 scripts/torch_stylegan2_train.py compare --run DIR --gankit GANKIT_RUN
"""
import argparse
import os
import pickle
import sys
import types
import warnings

import torch

import peer_common


def write_dataset(folder):
    """The EmojiOne PNGs as 64x64 RGB, alpha composited on white (PIL's alpha_composite onto a
    white canvas, which GANIO matches)."""
    from PIL import Image
    os.makedirs(folder, exist_ok=True)
    names = sorted(n for n in os.listdir(peer_common.EMOJI) if n.endswith(".png"))
    for name in names:
        image = Image.open(os.path.join(peer_common.EMOJI, name)).convert("RGBA")
        if image.size != (64, 64):
            raise SystemExit(f"{name}: {image.size}, expected 64x64")
        canvas = Image.new("RGBA", image.size, (255, 255, 255, 255))
        Image.alpha_composite(canvas, image).convert("RGB").save(os.path.join(folder, name))
    return len(names)


class NoEvent:
    """Stands in for torch.cuda.Event: the loop only times its phases with it."""

    def __init__(self, **_):
        pass

    def record(self, *_):
        pass

    def synchronize(self):
        pass

    def elapsed_time(self, _):
        return 0.0


def cpu_training_loop():
    """The official training_loop module with the device line rewritten to the CPU."""
    import training
    path = os.path.join(os.path.dirname(training.__file__), "training_loop.py")
    source = open(path, encoding="utf-8-sig").read()
    original = "device = torch.device('cuda', rank)"
    if source.count(original) != 1:
        raise SystemExit(f"{path}: expected one `{original}`")
    module = types.ModuleType("training.training_loop")
    module.__file__ = path
    sys.modules["training.training_loop"] = module
    exec(compile(source.replace(original, "device = torch.device('cpu')"), path, "exec"), module.__dict__)
    torch.cuda.Event = NoEvent
    torch.cuda.current_stream = lambda *_: None
    torch.cuda.max_memory_allocated = lambda *_: 0
    torch.cuda.reset_peak_memory_stats = lambda *_: None
    torch.Tensor.pin_memory = lambda self, *_: self
    torch.utils.data.Sampler.__init__ = lambda self, data_source=None: None
    warnings.filterwarnings("ignore", message="grid_sample_gradfix not supported")
    return module


def train(args):
    import dnnlib
    dataset = os.path.join(args.output, "dataset")
    count = write_dataset(dataset)
    print(f"{count} images in {dataset}")
    c = dnnlib.EasyDict
    widths = dict(channel_base=1024, channel_max=128, num_fp16_res=0, conv_clamp=None)
    kwargs = c(
        run_dir=args.output,
        training_set_kwargs=c(class_name="training.dataset.ImageFolderDataset", path=dataset,
                              use_labels=False, max_size=None, xflip=False, resolution=64),
        data_loader_kwargs=c(pin_memory=False, num_workers=1, prefetch_factor=2),
        G_kwargs=c(class_name="training.networks.Generator", z_dim=128, w_dim=128,
                   mapping_kwargs=c(num_layers=2), synthesis_kwargs=c(widths)),
        D_kwargs=c(class_name="training.networks.Discriminator", block_kwargs=c(),
                   mapping_kwargs=c(), epilogue_kwargs=c(mbstd_group_size=4), **widths),
        G_opt_kwargs=c(class_name="torch.optim.Adam", lr=0.0025, betas=[0, 0.99], eps=1e-8),
        D_opt_kwargs=c(class_name="torch.optim.Adam", lr=0.0025, betas=[0, 0.99], eps=1e-8),
        loss_kwargs=c(class_name="training.loss.StyleGAN2Loss", r1_gamma=0.0002 * 64 ** 2 / 32),
        augment_kwargs=c(class_name="training.augment.AugmentPipe", xflip=1, rotate90=1, xint=1,
                         scale=1, rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1,
                         lumaflip=1, hue=1, saturation=1),
        ada_target=0.6,
        total_kimg=args.kimg, batch_size=32, batch_gpu=32, ema_kimg=10, ema_rampup=0.05,
        random_seed=args.seed, image_snapshot_ticks=args.snapshot_ticks, network_snapshot_ticks=args.snapshot_ticks,
    )
    with open(os.path.join(args.output, "training_options.txt"), "w") as f:
        f.write(repr(kwargs) + "\n")
    cpu_training_loop().training_loop(rank=0, **kwargs)


def export(args):
    import numpy as np
    from PIL import Image
    with open(args.snapshot, "rb") as f:
        G = pickle.load(f)["G_ema"]
    os.makedirs(args.output, exist_ok=True)
    z = torch.from_numpy(np.random.RandomState(args.seed).randn(args.num, G.z_dim)).float()
    with torch.no_grad():
        for i in range(0, args.num, 50):
            images = G(z[i:i + 50], None, noise_mode="const")
            images = (images.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8)
            for j, image in enumerate(images.numpy()):
                Image.fromarray(image, "RGB").save(os.path.join(args.output, f"{i + j:06d}.png"))
    print(f"{args.num} images in {args.output}")


def gankit_generator(folder, prefix):
    """A GANKit checkpoint's generator (prefix "generator.parameter.") or EMA ("generatorEMA.")
    in the official Generator at the `stylegan2` family's default widths; buffers (the constant
    noise, w_avg) come from "generator.buffer."."""
    from training.networks import Generator
    G = Generator(z_dim=128, c_dim=0, w_dim=128, img_resolution=64, img_channels=3,
                  mapping_kwargs=dict(num_layers=2),
                  synthesis_kwargs=dict(channel_base=1024, channel_max=128, num_fp16_res=0, conv_clamp=None))
    state = {**peer_common.checkpoint_tensors(folder, "generator.buffer."),
             **peer_common.checkpoint_tensors(folder, prefix)}
    missing, unexpected = G.load_state_dict(state, strict=False)
    if unexpected or any(not m.endswith("resample_filter") for m in missing):
        raise SystemExit(f"{folder}: generator tensors do not match: missing {missing}, unexpected {unexpected}")
    return G.eval()


def grain(args):
    def neighbour_difference(images):
        return float(((images[:, :, 1:] - images[:, :, :-1]).abs().mean()
                      + (images[:, :, :, 1:] - images[:, :, :, :-1]).abs().mean()) / 2)

    if args.generator.endswith(".pkl"):
        with open(args.generator, "rb") as f:
            snapshot = pickle.load(f)
        generators = [("G", snapshot["G"]), ("G_ema", snapshot["G_ema"])]
    else:
        generators = [("G", gankit_generator(args.generator, "generator.parameter.")),
                      ("G_ema", gankit_generator(args.generator, "generatorEMA."))]
    for label, G in generators:
        torch.manual_seed(0)
        z = torch.randn([256, G.z_dim])
        with torch.no_grad():
            noisy = neighbour_difference(G(z, None, noise_mode="const"))
            images = G(z, None, noise_mode="none")
            plain = neighbour_difference(images)
            spread = float(images.std(0).mean())
        strengths = " ".join(f"{n.split('.')[1]}.{n.split('.')[2]} {p.item():+.4f}"
                             for n, p in G.named_parameters() if n.endswith("noise_strength"))
        print(f"{label:6s} neighbour difference {noisy:.3f} (noise off {plain:.3f}); spread over z {spread:.3f}; "
              f"noise strengths: {strengths}")


def windows(records, kimg, fields, window=32):
    """Per window of `window` kimg: the weighted mean of each (value, weight) field but the last,
    and the last field (p) of the window's last record."""
    out = {}
    for r in records:
        k = int((kimg(r) - 1e-9) // window)
        w = out.setdefault(k, {"sums": [0.0] * len(fields), "weights": [0.0] * len(fields)})
        for i, field in enumerate(fields[:-1]):
            value, weight = field(r)
            w["sums"][i] += value * weight
            w["weights"][i] += weight
        w["p"] = fields[-1](r)
    return {k: [s / max(n, 1e-12) for s, n in zip(w["sums"][:-1], w["weights"][:-1])] + [w["p"]]
            for k, w in out.items()}


def compare(args):
    import json

    def read(path):
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def stat(name):
        return lambda r: (r[name]["mean"], r[name]["num"]) if name in r else (0.0, 0.0)

    records = read(os.path.join(args.run, "stats.jsonl"))[1:]
    reached = max((r["Progress/kimg"]["mean"] for r in records), default=0)
    official = windows(records,
                       lambda r: r["Progress/kimg"]["mean"],
                       [stat("Loss/signs/real"), stat("Loss/scores/real"), stat("Loss/scores/fake"),
                        lambda r: r["Progress/augment"]["mean"]])
    gankit = windows(read(os.path.join(args.gankit, "stats.jsonl")), lambda r: r["kimg"],
                     [lambda r: (2 * r["realAccuracy"] - 1, 1), lambda r: (r["realLogitMean"], 1),
                      lambda r: (r["fakeLogitMean"], 1), lambda r: r["metrics"].get("ada.p", 0.0)])
    print("kimg      |  official: p  r_t    D(x)    D(G(z)) |  GANKit: p  r_t    D(x)    D(G(z))")
    for k in sorted(official):
        if (k + 1) * 32 > reached + 1e-6 or k not in gankit:
            continue
        o, g = official[k], gankit[k]
        print(f"{k * 32:4d}-{k * 32 + 32:<4d} | {o[3]:.3f} {o[0]:+.3f} {o[1]:+7.3f} {o[2]:+7.3f} "
              f"| {g[3]:.3f} {g[0]:+.3f} {g[1]:+7.3f} {g[2]:+7.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    t = commands.add_parser("train")
    t.add_argument("--output", required=True)
    t.add_argument("--kimg", type=int, default=25000)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--snapshot-ticks", type=int, default=8, help="ticks (4 kimg each) between snapshots")
    e = commands.add_parser("export")
    e.add_argument("--snapshot", required=True)
    e.add_argument("--output", required=True)
    e.add_argument("--num", type=int, default=150)
    e.add_argument("--seed", type=int, default=0)
    g = commands.add_parser("grain")
    g.add_argument("generator", help="an official snapshot .pkl or a GANKit checkpoint folder")
    for p in (t, e, g):
        p.add_argument("--official", required=True, help="a checkout of stylegan2-ada-pytorch")
        p.add_argument("--threads", type=int, default=2)
    m = commands.add_parser("compare")
    m.add_argument("--run", required=True, help="this script's training folder")
    m.add_argument("--gankit", required=True, help="a GANKit run folder")
    args = parser.parse_args()
    if args.command == "compare":
        return compare(args)
    sys.path.insert(0, args.official)
    torch.set_num_threads(args.threads)
    {"train": train, "export": export, "grain": grain}[args.command](args)


if __name__ == "__main__":
    main()
