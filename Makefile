# RNNLab — build, run every lesson, test, benchmark.
#   make run    build in release, then run every lesson (figures under output/)
#   make test   build and run the test suites (debug)
#   make test-release  the same in release, with the long lessons
#   make bench  speed of the engine and the lessons
SWIFT ?= swift
# Release builds target the machine they run on (AVX-512 where present): measured several
# times faster for the matrix kernels; arithmetic stays strict, so results do not change.
RELEASE := -c release -Xswiftc -target-cpu -Xswiftc native
BIN := $(shell $(SWIFT) build $(RELEASE) --show-bin-path 2>/dev/null)

.PHONY: run test bench deps build clean

deps:
	@if ! pkg-config --exists cairo 2>/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Cairo (libcairo2-dev pkg-config) with apt-get..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2-dev pkg-config; \
	  else \
	    echo "Cairo is missing. Install it with:  sudo apt-get install -y libcairo2-dev pkg-config"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build $(RELEASE) --product rnnlab

run: build
	$(BIN)/rnnlab run --all

# The whole suite runs in a debug build; the suites that train seriously (named *LearningTests:
# lessons, seq2seq) run in release, where they take seconds instead of minutes. The golden-weights
# test runs in both, which checks that both builds compute the same bits.
SLOW_SUITES := LearningTests
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(SLOW_SUITES)'
	$(SWIFT) build $(RELEASE) -Xswiftc -enable-testing --build-tests
	$(SWIFT) test $(RELEASE) -Xswiftc -enable-testing --skip-build --filter '$(SLOW_SUITES)|TrainingTests'

# The whole suite in release: the long lessons (long-sequence, stock) run here; in a debug build
# they are skipped unless RNNLAB_SLOW_TESTS=1 (minutes there).
test-release: deps
	$(SWIFT) build $(RELEASE) -Xswiftc -enable-testing --build-tests
	$(SWIFT) test $(RELEASE) -Xswiftc -enable-testing --skip-build

bench: deps
	$(SWIFT) build $(RELEASE) --product rnnlab-bench
	$(BIN)/rnnlab-bench

clean:
	rm -rf .build
