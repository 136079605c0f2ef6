# GANKit developer commands. `make test` is the command CI runs (see .ci/run).
SWIFT ?= swift

.PHONY: test build bench deps

deps:
	./scripts/install-deps.sh

build:
	$(SWIFT) build -c release

# Numeric tests are run in release mode: debug builds of numeric Swift are ~10x slower.
# The crash backtracer is off: on this machine it can hang for minutes after a failed precondition.
test:
	SWIFT_BACKTRACE=enable=no $(SWIFT) test -c release

bench:
	$(SWIFT) run -c release gankit-bench kernels
