# RNNLab — build, run every lesson, test, benchmark.
#   make run    build in release, then run every lesson (figures under output/)
#   make test   build and run the test suites (debug)
#   make bench  speed of the engine and the lessons
#   make fuzz   the parsers on mutated files (libFuzzer where it builds), a bounded count each
SWIFT ?= swift
# Release builds target the machine they run on (AVX-512 and FMA where present): several times
# faster for the matrix kernels. Results do not change: products use fused multiply-adds, which
# are rounded once whether the CPU or the C library computes them.
RELEASE := -c release -Xswiftc -target-cpu -Xswiftc native
BIN := $(shell $(SWIFT) build $(RELEASE) --show-bin-path 2>/dev/null)

.PHONY: run test bench fuzz deps browser pdftools build clean

# The C libraries the build links: Cairo draws every figure; giflib writes the animations
# (`rnnlab animate`); zlib gives the PNG files' checksums; zlib and libdeflate are the other
# candidates of the deflate trial (README, Speed). giflib has no pkg-config file, so its header
# is looked for.
PKG_CONFIG_NAMES := cairo zlib libdeflate
APT_PACKAGES := libcairo2-dev libgif-dev zlib1g-dev libdeflate-dev pkg-config

deps:
	@if ! pkg-config --exists $(PKG_CONFIG_NAMES) 2>/dev/null || [ ! -f /usr/include/gif_lib.h ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(APT_PACKAGES) with apt-get..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	  else \
	    echo "Missing C libraries. Install them with:  sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	  fi; \
	fi

# The browser test of the lesson pages (`rnnlab html`) drives Debian's chromium, installed here
# when missing and possible; without it the test reports itself skipped.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing chromium (for the browser test of the lesson pages) with apt-get..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      || echo "chromium could not be installed: the browser test will be skipped"; \
	  else \
	    echo "chromium is missing, so the browser test will be skipped. Install it with:  sudo apt-get install -y chromium"; \
	  fi; \
	fi

# The handout and worksheet tests read the PDFs back with poppler's pdftotext and pdfinfo,
# installed here when missing and possible; without them those tests report themselves skipped.
pdftools:
	@if ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing poppler-utils (for the PDF tests) with apt-get..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) \
	      || echo "poppler-utils could not be installed: the PDF text tests will be skipped"; \
	  else \
	    echo "pdftotext is missing, so the PDF text tests will be skipped. Install it with:  sudo apt-get install -y poppler-utils"; \
	  fi; \
	fi

build: deps
	$(SWIFT) build $(RELEASE) --product rnnlab

# The lecture's lessons (a few seconds), then the experiments and the comparisons (a few minutes).
run: build
	$(BIN)/rnnlab run --all
	$(BIN)/rnnlab run --experiments
	$(BIN)/rnnlab compare --all

# The whole suite runs in a debug build; the suites that train seriously (named *LearningTests:
# lessons, seq2seq; and the browser test, which trains every lesson) run in release, where they
# take seconds instead of minutes. The golden-weights test runs in both, which checks that both
# builds compute the same bits.
SLOW_SUITES := LearningTests|BrowserTests
test: deps browser pdftools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(SLOW_SUITES)'
	$(SWIFT) build $(RELEASE) -Xswiftc -enable-testing --build-tests
	$(SWIFT) test $(RELEASE) -Xswiftc -enable-testing --skip-build --filter '$(SLOW_SUITES)|TrainingTests'

bench: deps
	$(SWIFT) build $(RELEASE) --product rnnlab
	$(SWIFT) build $(RELEASE) --product rnnlab-bench
	$(BIN)/rnnlab-bench

# Lesson, CSV, dialogs, safetensors and trace files mutated: FUZZ_RUNS inputs (default 20000) or
# FUZZ_SECONDS (default 300) per parser; not part of make test.
fuzz: deps
	Fuzz/run-fuzzers.sh

clean:
	rm -rf .build
