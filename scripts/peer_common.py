"""What the PyTorch peers share. The peers of gankit-bench's training-step benchmarks
(scripts/torch_dcgan_bench.py, scripts/torch_stylegan2_bench.py): their common flags, the
`info` line they print first and the JSON object they end with (docs/performance.md). The
training peers (scripts/torch_dcgan64_peer.py, scripts/torch_stylegan2_train.py): where Debian
puts the EmojiOne PNGs, and the tensors of a GANKit checkpoint.

A peer imports it as `import peer_common`: Python puts the folder of the script it runs first on
the import path, so this file must stay beside the peers.
"""
import argparse
import json
import os
import platform

import torch

EMOJI = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"


def parse_arguments(doc, steps, warmup, add_own=lambda parser: None):
    """The flags `--steps` and `--warmup` (with these defaults), `--batch` (64), `--threads` (2),
    the peer's own (`add_own(parser)` adds them) and `--json`, in that order, parsed; the
    description is the first paragraph of the peer's docstring `doc`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--warmup", type=int, default=warmup)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    add_own(parser)
    parser.add_argument("--json", help="also write the last line's object to this file")
    return parser.parse_args()


def start(args, **counts):
    """Sets torch's thread count to `--threads`, prints the `info` line — the versions, the
    threads, the CPU capability, `counts` (e.g. parameter counts) and the run's sizes — and
    returns its object."""
    torch.set_num_threads(args.threads)
    info = {
        "torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        **counts,
        "batch": args.batch, "steps": args.steps, "warmup": args.warmup,
    }
    print("info", json.dumps(info))
    return info


def finish(report, info, args):
    """Prints `report` as the last line, one JSON object (what gankit-bench reads), and with
    `--json` also writes it with the `info` object to that file."""
    print(json.dumps(report))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, **report}, f, indent=2)


def checkpoint_tensors(checkpoint, prefix):
    """The tensors of a GANKit checkpoint directory (docs/checkpoint-format.md) whose names start
    with `prefix`, keyed by the rest of the name: e.g. "generator.parameter." gives the
    generator's weights under its (official, for StyleGAN2) parameter names."""
    import numpy as np
    with open(os.path.join(checkpoint, "manifest.json")) as f:
        manifest = json.load(f)
    blobs = {}
    for b in manifest["blobs"]:
        with open(os.path.join(checkpoint, b["file"]), "rb") as f:
            blobs[b["file"]] = f.read()
    return {t["name"][len(prefix):]: torch.from_numpy(np.frombuffer(
        blobs[t["file"]], "<f4", t["count"], t["byteOffset"]).reshape(t["shape"]).copy())
        for t in manifest["tensors"] if t["name"].startswith(prefix)}
