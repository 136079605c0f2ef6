#!/bin/sh
# Continues an experiment one run at a time: runs the next run the results file lacks
# (`gankit experiment --max-runs 1`), regenerates docs/experiments.md from the results, and
# commits both, so a session that ends mid-experiment loses at most the run in progress.
#
#   scripts/run-experiments.sh Examples/experiments/sneakers32.json [STOP_AT_HH:MM_UTC]
#
# With STOP_AT, no run starts after that time of day (UTC). Needs a release build
# (`swift build -c release`) and the Inception weights (`make weights`).
set -eu
spec=$1
stop=${2:-}
results=docs/results/experiments.jsonl
gankit=${GANKIT:-.build/release/gankit}   # GANKIT=path to use another build

report() {
    scripts/experiments-report.sh "$gankit"
}

while :; do
    # An error (a changed spec, other OpenBLAS kernels than the records') ends the script with it.
    plan=$("$gankit" experiment "$spec" --results "$results" --dry-run)
    printf '%s\n' "$plan" | grep -q ': to run' || break
    if [ -n "$stop" ] && [ "$(date -u +%H:%M)" \> "$stop" ]; then
        echo "run-experiments: it is past $stop UTC; not starting another run"
        break
    fi
    "$gankit" experiment "$spec" --results "$results" --max-runs 1
    report
    last=$(tail -n 1 "$results")
    name=$(printf '%s' "$last" | grep -o '"experiment":"[^"]*"' | cut -d'"' -f4)
    row=$(printf '%s' "$last" | grep -o '"row":"[^"]*"' | cut -d'"' -f4)
    seed=$(printf '%s' "$last" | grep -o '"seed":[0-9]*' | head -n 1 | cut -d: -f2)
    fid=$(printf '%s' "$last" | grep -o '"final":{[^}]*}' | grep -o '"fid":[-0-9.e]*' | cut -d: -f2)
    record="$name/$row seed $seed: final FID $fid"
    git add "$results" docs/experiments.md docs/ms3d-calibration.md docs/results
    git commit -q -m "Experiments: $record (one more record in $results; docs/experiments.md regenerated from it)"
done
report
