#!/usr/bin/env bash
# Fails if an op that Sources/GANTensor records on the autodiff tape (`record(…, op: "name"`)
# is missing from docs/ops.md, the index of recorded ops. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=0
for op in $(grep -ohE 'record\([^,]+, op: "[A-Za-z0-9]+"' Sources/GANTensor/*.swift | sed -E 's/.*op: "([A-Za-z0-9]+)"/\1/' | sort -u); do
    if ! grep -q "\`$op\`" docs/ops.md; then
        echo "docs/ops.md: the recorded op \`$op\` is not listed"
        missing=1
    fi
done
if [ "$missing" -eq 0 ]; then echo "check-ops-index: every recorded op of GANTensor is in docs/ops.md"; fi
exit "$missing"
