#!/usr/bin/env python3
"""Runs one `gankit train` command of the MS3D calibration and appends its record to
docs/results/ms3d-calibration.jsonl (one JSON object per run), so that docs/ms3d-calibration.md
can be regenerated from the file by scripts/ms3d_tables.py.

    python3 scripts/ms3d_calibration.py --setting "ms3d λ=10" --commit <sha> -- \
        /path/to/gankit train --data-source fashion-mnist --classes 7 --limit 500 --channels 1 \
        --iterations 150 --seed 1 --regularizer ms3d:weight=10 --output runs/cal/x --overwrite

The record holds the command, the seed, the git commit the binary was built from, the wall time
and the measured numbers:
- `gap`: mean over iterations 50–150 (inclusive; `iteration` counts from 1) of
  realLogitMean − fakeLogitMean from stats.jsonl, i.e. D(x) − D(G(z)) on the logits of the last
  D step of each iteration (issue 12's "cheap criterion");
- `gapLast50`: the same over the last 50 iterations of the run;
- `ms3dPenalty`: mean λ·MS3D (`penalties.ms3d`, before the lazy gain) over the steps it ran;
- `fid`, `kid`, …: the last evaluation's scores, when the run evaluated;
- `diagnostics`: when the run wrote diagnostics.jsonl, per measurement the iteration, D(x) − D(G(z))
  on the fixed batches, ‖∇θ λ·MS3D‖/‖∇θ L_D‖, MS3D (Σ SD_k) of the fixed reals' ∇ₓD, and the
  normalised field's (max − min)/std and the share of the gradient mass at its arg-max/arg-min.
"""
import argparse
import json
import os
import subprocess
import sys
import time

RESULTS = os.path.join(os.path.dirname(__file__), "..", "docs", "results", "ms3d-calibration.jsonl")


def option(command, name):
    """The value following `name` in the command, or None."""
    return command[command.index(name) + 1] if name in command else None


def summarise(stats):
    lines = [json.loads(l) for l in stats if l.strip()]
    steps = [l for l in lines if "realLogitMean" in l]
    gaps = {l["iteration"]: l["realLogitMean"] - l["fakeLogitMean"] for l in steps}
    window = [g for i, g in gaps.items() if 50 <= i <= 150]
    last = max(gaps) if gaps else 0
    tail = [g for i, g in gaps.items() if i > last - 50]
    penalties = [l["penalties"]["ms3d"] for l in steps if "ms3d" in l.get("penalties", {})]
    result = {
        "iterations": last,
        "gap": sum(window) / len(window) if window else None,
        "gapLast50": sum(tail) / len(tail) if tail else None,
        "ms3dPenalty": sum(penalties) / len(penalties) if penalties else None,
    }
    evaluated = [l for l in steps if "fid" in l.get("metrics", {})]
    if evaluated:
        final = evaluated[-1]
        result["evaluationIteration"] = final["iteration"]
        for key in ("fid", "kid", "precision", "recall", "density", "coverage"):
            if key in final["metrics"]:
                result[key] = final["metrics"][key]
        result["bestFid"] = min(l["metrics"]["fid"] for l in evaluated)
    return result


def series(record):
    return {
        "iteration": record["iteration"],
        "outputGap": record.get("outputGap"),
        "ms3dGradientRatio": (record.get("penaltyGradientRatio") or {}).get("ms3d"),
        "ms3d": record["ms3d"],
        "fieldRangeOverStd": record.get("fieldRangeOverStd"),
        "fieldExtremeShare": record.get("fieldExtremeShare"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--setting", required=True, help="the row's label, e.g. 'ms3d λ=10'")
    parser.add_argument("--commit", required=True, help="the git commit the gankit binary was built from")
    parser.add_argument("--experiment", default="dcgan32-sneakers-150",
                        help="which table the run belongs to")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"]
    output = option(command, "--output")
    if output is None:
        sys.exit("the command needs --output")
    start = time.time()
    completed = subprocess.run(command)
    wall = time.time() - start
    if completed.returncode != 0:
        sys.exit(f"gankit exited with {completed.returncode}; no record written")
    with open(os.path.join(output, "stats.jsonl")) as f:
        measured = summarise(f)
    diagnostics = os.path.join(output, "diagnostics.jsonl")
    if os.path.exists(diagnostics):
        with open(diagnostics) as f:
            measured["diagnostics"] = [series(json.loads(l)) for l in f if l.strip()]
    record = {
        "experiment": args.experiment,
        "setting": args.setting,
        "seed": int(option(command, "--seed") or 1),
        "commit": args.commit,
        "command": " ".join(["gankit"] + command[1:]),
        "wallSeconds": round(wall, 1),
        "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"),
        "finishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    record.update(measured)
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "a") as f:
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
