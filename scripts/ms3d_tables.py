#!/usr/bin/env python3
"""Prints the tables of docs/ms3d-calibration.md from docs/results/ms3d-calibration.jsonl
(written run by run by scripts/ms3d_calibration.py) and, for the sweep of λ judged by FID, from
the experiment records in docs/results/experiments.jsonl (written by `gankit experiment`):

    python3 scripts/ms3d_tables.py            # Markdown tables on stdout
    python3 scripts/ms3d_tables.py --write    # replaces them in docs/ms3d-calibration.md
                                              # (between <!-- tables --> and <!-- /tables -->)

One table per experiment; one row per setting, in the order the settings first appear; each
measured column as `mean (seed a / seed b …)` so the seed spread is visible.
"""
import io
import json
import os
import re
import sys
from contextlib import redirect_stdout
from collections import OrderedDict

RESULTS = os.path.join(os.path.dirname(__file__), "..", "docs", "results", "ms3d-calibration.jsonl")
EXPERIMENTS = os.path.join(os.path.dirname(__file__), "..", "docs", "results", "experiments.jsonl")
DOCUMENT = os.path.join(os.path.dirname(__file__), "..", "docs", "ms3d-calibration.md")

TITLES = {
    "dcgan32-sneakers-150": "DCGAN-32, 500 sneakers, 150 iterations: mean D(x) − D(G(z)) over iterations 50–150",
    "dcgan32-sneakers-1200": "DCGAN-32, 500 sneakers, 1200 iterations (demo setting), FID/KID of 500 EMA samples",
    "dcgan32-emoji-readme-150": "README snippet setting (DCGAN-32, 1000 emoji, lazy R1), 150 iterations: mean D(x) − D(G(z)) over iterations 50–150",
}
COLUMNS = {
    "dcgan32-sneakers-150": [("gap", "D(x) − D(G(z)), it. 50–150", 3), ("ms3dPenalty", "mean λ·MS3D", 4),
                             ("wallSeconds", "wall s", 0)],
    "dcgan32-sneakers-1200": [("fid", "FID", 1), ("kid", "KID ×10³", 2), ("bestFid", "best FID", 1),
                              ("gapLast50", "D(x) − D(G(z)), last 50 it.", 3), ("wallSeconds", "wall s", 0)],
}
# The λ sweep judged by FID: per model, its title, its iterations (records of other lengths, such
# as emoji64-all's 500-iteration runs before it was resized, are left out) and (λ label,
# experiment, row) in table order. The baseline and
# λ = 10 (the default) of DCGAN-32 and DCGAN-64 are rows of the methods experiments (sneakers32,
# emoji64's all-images variant), which run exactly the sweep's setting.
SWEEPS = [
    ("DCGAN-32, 500 sneakers, 600 iterations (the sneakers32 setting): FID/KID of 150 EMA samples", 600, [
        ("none (baseline)", "sneakers32", "baseline"), ("0.1", "ms3d-weight-dcgan32", "ms3d-0.1"),
        ("1", "ms3d-weight-dcgan32", "ms3d-1"), ("10 (default)", "sneakers32", "ms3d"),
        ("100 (paper)", "ms3d-weight-dcgan32", "ms3d-100")]),
    ("DCGAN-64 (width 32), all 1794 EmojiOne images at 64 px, 2000 iterations (the emoji64-all setting): FID/KID of 150 EMA samples", 2000, [
        ("none (baseline)", "emoji64-all", "baseline"), ("0.1", "ms3d-weight-dcgan64", "ms3d-0.1"),
        ("1", "ms3d-weight-dcgan64", "ms3d-1"), ("10 (default)", "emoji64-all", "ms3d"),
        ("100 (paper)", "ms3d-weight-dcgan64", "ms3d-100")]),
    ("SNGAN-ResNet-32 (width 16), 500 sneakers, 400 iterations: FID/KID of 150 EMA samples", 400, [
        ("none (baseline)", "ms3d-weight-sngan32", "baseline"), ("0.1", "ms3d-weight-sngan32", "ms3d-0.1"),
        ("1", "ms3d-weight-sngan32", "ms3d-1"), ("10 (default)", "ms3d-weight-sngan32", "ms3d-10"),
        ("100 (paper)", "ms3d-weight-sngan32", "ms3d-100")]),
]
DEFAULT_COLUMNS = [("gap", "D(x) − D(G(z)), it. 50–150", 3), ("wallSeconds", "wall s", 0)]


def cell(values, digits, scale=1.0):
    values = [v * scale for v in values if v is not None]
    if not values:
        return "—"
    fmt = f"{{:.{digits}f}}"
    mean = sum(values) / len(values)
    if len(values) == 1:
        return fmt.format(mean)
    return f"{fmt.format(mean)} ({' / '.join(fmt.format(v) for v in values)})"


def tables():
    with open(RESULTS) as f:
        records = [json.loads(l) for l in f if l.strip()]
    experiments = OrderedDict()
    for r in records:
        experiments.setdefault(r["experiment"], OrderedDict()).setdefault(r["setting"], []).append(r)
    for experiment, settings in experiments.items():
        columns = COLUMNS.get(experiment, DEFAULT_COLUMNS)
        print(f"### {TITLES.get(experiment, experiment)}\n")
        print("| setting | seeds | " + " | ".join(c[1] for c in columns) + " |")
        print("|---|---|" + "---|" * len(columns))
        for setting, runs in settings.items():
            runs = sorted(runs, key=lambda r: r["seed"])
            seeds = ", ".join(str(r["seed"]) for r in runs)
            cells = [cell([r.get(key) for r in runs], digits, 1000.0 if key == "kid" else 1.0) for key, _, digits in columns]
            print(f"| {setting} | {seeds} | " + " | ".join(cells) + " |")
        print()
        for setting, runs in settings.items():
            for r in runs:
                if r.get("diagnostics"):
                    series_table(f"{setting}, seed {r['seed']}", r["diagnostics"])


def sweep_tables():
    """One table per model of the λ sweep: final and best FID/KID and D's margin, per λ."""
    with open(EXPERIMENTS) as f:
        records = [json.loads(l) for l in f if l.strip()]
    for title, iterations, settings in SWEEPS:
        print(f"### {title}\n")
        print("| MS3D λ | seeds | final FID | final KID ×10³ | best FID | D(x) − D(G(z)), 2nd half | wall s |")
        print("|---|---|---|---|---|---|---|")
        for label, experiment, row in settings:
            runs = sorted((r for r in records if r["experiment"] == experiment and r["row"] == row
                           and r["iterations"] == iterations), key=lambda r: r["seed"])
            if not runs:
                print(f"| {label} | not run yet | | | | | |")
                continue
            seeds = ", ".join(str(r["seed"]) for r in runs)
            cells = [cell([r["final"]["fid"] for r in runs], 1), cell([r["final"]["kid"] for r in runs], 1, 1000.0),
                     cell([r["best"]["fid"] for r in runs], 1), cell([r.get("logitGap") for r in runs], 3),
                     cell([r["wallSeconds"] for r in runs], 0)]
            print(f"| {label} | {seeds} | " + " | ".join(cells) + " |")
        print()


def series_table(title, series):
    """The diagnostics measured during one run, one row per measurement."""
    def f(v, digits):
        return "—" if v is None else f"{v:.{digits}f}"
    print(f"Diagnostics of {title} (fixed batch of 32 reals and 32 fakes, D in evaluation mode):\n")
    print("| iteration | D(x) − D(G(z)) | ‖∇θ λ·MS3D‖ / ‖∇θ L_D‖ | MS3D (Σ SD_k) | (max − min)/std | share at arg-max/min |")
    print("|---|---|---|---|---|---|")
    for m in series:
        print(f"| {m['iteration']} | {f(m['outputGap'], 3)} | {f(m['ms3dGradientRatio'], 2)} | {f(m['ms3d'], 5)} | "
              f"{f(m['fieldRangeOverStd'], 1)} | {f(m['fieldExtremeShare'], 3)} |")
    print()


def main():
    if "--write" not in sys.argv[1:]:
        tables()
        sweep_tables()
        return
    text = io.StringIO()
    with redirect_stdout(text):
        tables()
        sweep_tables()
    with open(DOCUMENT) as f:
        document = f.read()
    pattern = re.compile(r"(<!-- tables -->\n).*?(<!-- /tables -->)", re.S)
    if not pattern.search(document):
        sys.exit(f"{DOCUMENT} has no <!-- tables --> … <!-- /tables --> block")
    document = pattern.sub(lambda m: m.group(1) + "\n" + text.getvalue() + m.group(2), document)
    with open(DOCUMENT, "w") as f:
        f.write(document)


if __name__ == "__main__":
    main()
