#!/usr/bin/env bash
# make fuzz: each parser (lesson, csv, dialogs, safetensors, trace) run on mutants of its corpus
# of valid files, a bounded count each: under libFuzzer where `swift build -sanitize=fuzzer`
# works (coverage-guided), else as the seeded mutation test of rnnlab-fuzz. A crash, a hang
# (an input over FUZZ_TIMEOUT seconds) or a blow-up (over FUZZ_RSS_MB) fails the run and leaves
# the input under .build/fuzz/.
#   FUZZ_RUNS     inputs per target (default 20000)
#   FUZZ_SECONDS  at most this long per target (default 300)
#   FUZZ_TARGETS  which targets (default: all five)
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
RUNS=${FUZZ_RUNS:-20000}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-300}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
TARGETS=${FUZZ_TARGETS:-lesson csv dialogs safetensors trace}
WORK=.build/fuzz
rm -rf "$WORK/corpus" "$WORK/runs" && mkdir -p "$WORK/artifacts" "$WORK/runs"

# The corpora: the project's lessons and data, the seeds in Fuzz/Corpus, and the checkpoints and
# traces of a few short runs.
$SWIFT build --product rnnlab >"$WORK/build.log" 2>&1
RNNLAB="$($SWIFT build --show-bin-path)/rnnlab"
"$RNNLAB" run hello hello-rnn --no-render --quiet --out "$WORK/runs" >/dev/null 2>&1
"$RNNLAB" run stock adding --iterations 20 --no-render --quiet --out "$WORK/runs" >/dev/null 2>&1
"$RNNLAB" run Fuzz/Corpus/lesson/tiny-chat.yaml --no-render --quiet --out "$WORK/runs" >/dev/null 2>&1
for target in lesson csv dialogs safetensors trace; do mkdir -p "$WORK/corpus/$target"; done
cp lessons/*.yaml lessons/experiments/*.yaml Fuzz/Corpus/lesson/* "$WORK/corpus/lesson/"
cp lessons/stock/*.csv Fuzz/Corpus/csv/* "$WORK/corpus/csv/"
cp lessons/chatbot/dialogs.tsv Fuzz/Corpus/dialogs/* "$WORK/corpus/dialogs/"
cp Tests/RNNCoreTests/Resources/parity/*.safetensors "$WORK/corpus/safetensors/"
for run in "$WORK"/runs/*/; do
  name=$(basename "$run")
  cp "$run/model.safetensors" "$WORK/corpus/safetensors/$name.safetensors"
  cp "$run/trace.json" "$WORK/corpus/trace/$name.json"
done

# libFuzzer where the toolchain links it (lld: gold fails on libFuzzer's main), else mutations.
FUZZ_BUILD=(-c release --product rnnlab-fuzz --scratch-path .build/fuzz-build)
if $SWIFT build "${FUZZ_BUILD[@]}" -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER -Xswiftc -use-ld=lld >"$WORK/build.log" 2>&1; then
  MODE=libfuzzer
else
  echo "libFuzzer does not build here (see $WORK/build.log): running the seeded mutation test instead"
  $SWIFT build "${FUZZ_BUILD[@]}" >"$WORK/build.log" 2>&1
  MODE=mutation
fi
FUZZER=".build/fuzz-build/release/rnnlab-fuzz"

failed=0
summary=()
for target in $TARGETS; do
  log="$WORK/$target.log"
  largest=$(wc -c "$WORK/corpus/$target"/* | sort -n | tail -2 | head -1 | awk '{print $1}')
  if [ "$MODE" = libfuzzer ]; then
    # Swift's backtracer would take the crash signal from libFuzzer, which then writes no input.
    if SWIFT_BACKTRACE=enable=no RNNLAB_FUZZ_TARGET=$target "$FUZZER" -runs="$RUNS" -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" \
        -rss_limit_mb="$RSS_MB" -max_len=$((largest + largest / 4 + 64)) -artifact_prefix="$WORK/artifacts/$target-" \
        -print_final_stats=1 "$WORK/corpus/$target" >"$log" 2>&1; then status=ok; else status=FAILED; failed=1; fi
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}')
    summary+=("$target: ${runs:-?} inputs under libFuzzer (corpus $(ls "$WORK/corpus/$target" | wc -l) files at the end): $status")
  else
    if timeout $((SECONDS_PER_TARGET + 60)) "$FUZZER" "$target" "$WORK/corpus/$target" "$RUNS" 1 "$WORK/last" "$TIMEOUT" >"$log" 2>&1; then
      status=ok; else status=FAILED; failed=1; fi
    summary+=("$(tail -1 "$log"): $status")
  fi
  [ "$status" = ok ] || tail -20 "$log"
done
printf '%s\n' "${summary[@]}"
if [ "$failed" = 1 ]; then echo "make fuzz: a target crashed, hung or blew up; its input is under $WORK/"; exit 1; fi
