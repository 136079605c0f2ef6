#!/bin/sh
# Regenerates docs/experiments.md from docs/results/experiments.jsonl and every bundled
# experiment spec, in the report's order, and the tables of docs/ms3d-calibration.md, which read
# the same records (scripts/ms3d_tables.py); no training.
#
#   scripts/experiments-report.sh [GANKIT_BINARY]
set -eu
gankit=${1:-.build/release/gankit}
"$gankit" report docs/results/experiments.jsonl \
    --spec Examples/experiments/sneakers32.json --spec Examples/experiments/sneakers32-diagnostics.json \
    --spec Examples/experiments/emoji64.json \
    --spec Examples/experiments/ms3d-weight-dcgan32.json --spec Examples/experiments/ms3d-weight-dcgan64.json \
    --spec Examples/experiments/ms3d-weight-sngan32.json --spec Examples/experiments/demo.json \
    --spec Examples/experiments/stylegan2-ms3d.json \
    --preamble docs/results/preamble.md --output docs/experiments.md
python3 "$(dirname "$0")/ms3d_tables.py" --write
