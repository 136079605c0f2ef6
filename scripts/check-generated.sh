#!/usr/bin/env bash
# Fails if a committed page generated from the results files is not what
# scripts/experiments-report.sh makes of them now: docs/experiments.md and its curve figures
# (`gankit report`) and docs/ms3d-calibration.md's tables (scripts/ms3d_tables.py). It generates
# them in a scratch copy of the files they are made from, so the working tree is left as it is.
#
#   scripts/check-generated.sh [GANKIT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
gankit=$(realpath "${1:-.build/release/gankit}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r docs Examples scripts "$scratch"/
(cd "$scratch" && scripts/experiments-report.sh "$gankit" >/dev/null)
stale=0
for file in docs/experiments.md docs/ms3d-calibration.md docs/results/*-fid.svg "$scratch"/docs/results/*-fid.svg; do
    file=${file#"$scratch"/}
    if ! cmp -s "$file" "$scratch/$file"; then
        echo "check-generated: $file is not what scripts/experiments-report.sh makes of the results files; run it (make report) and commit the result"
        stale=1
    fi
done
[ "$stale" = 0 ] && echo "check-generated: docs/experiments.md, its figures and docs/ms3d-calibration.md's tables match the results files"
exit "$stale"
