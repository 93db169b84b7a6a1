#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) in build-fuzz/ and runs them.
#
#   scripts/fuzz.sh [--minutes N] [--build-only] [--smoke] [TARGET...]
#
# TARGET is parse-verify, passes, hardware-json or nir-import (the Python
# harness of the NIR importer); default: all four, one after the other, N
# minutes each (default 5). Each C++ target fuzzes a working corpus in
# build-fuzz/corpus/<target> (seeded from fuzz/corpus/<target>; it grows
# between runs) with its dictionary, under ASan and UBSan; a crash leaves its
# input in build-fuzz/artifacts/<target>/ and stops that target. To keep one
# as a regression: minimise it (`build-fuzz/bin/snn-fuzz-<target>
# -minimize_crash=1 -runs=10000 FILE`), copy it to fuzz/regressions/<target>/
# and fix the bug; check-snn replays that folder on every build.
# --smoke (scripts/test.sh) instead runs the lit suite in build-fuzz/ (its
# tools instrumented; test/Fuzz/fuzzers.test gives each target 15 s).
# docs/Reliability.md has the details and the figures of past runs.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=5
build_only=0
smoke=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift ;;
    --build-only) build_only=1 ;;
    --smoke) smoke=1 ;;
    parse-verify|passes|hardware-json|nir-import) targets+=("$1") ;;
    *) echo "usage: scripts/fuzz.sh [--minutes N] [--build-only] [--smoke] [parse-verify|passes|hardware-json|nir-import]..." >&2
       exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(parse-verify passes hardware-json nir-import)

. scripts/sanitized-build.sh
require_runtimes fuzz.sh fuzzer asan ubsan_standalone
# No -DNDEBUG: assertions are bugs the fuzzers should find too.
configure_sanitized build-fuzz -O2 -DSNN_ENABLE_FUZZERS=ON
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if [ "$smoke" -eq 1 ]; then
  # The lit suite against the instrumented tools; test/Fuzz/fuzzers.test runs
  # each libFuzzer target for 15 s. The 1000 random networks of
  # differential.test ran in build/ already.
  echo "== lit suite under ASan + UBSan in build-fuzz/, fuzzers included"
  LIT_FILTER_OUT='Integration/differential.test' ninja -C build-fuzz -j"${JOBS:-2}" check-snn
  exit 0
fi
echo "== building the fuzz targets in build-fuzz/"
ninja -C build-fuzz -j"${JOBS:-2}" snn-fuzz-parse-verify snn-fuzz-passes snn-fuzz-hardware-json snn-opt
[ "$build_only" -eq 0 ] || exit 0

seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
status=0
for target in "${targets[@]}"; do
  echo "== $target for $minutes min"
  mkdir -p "build-fuzz/corpus/$target" "build-fuzz/artifacts/$target"
  if [ "$target" = nir-import ]; then
    PYTHONPATH=python /usr/bin/python3 -W ignore fuzz/nir_fuzz.py --minutes "$minutes" \
      --seed "$RANDOM" --snn-opt build-fuzz/bin/snn-opt --check-fraction 1 \
      --open-bugs fuzz/nir-open-bugs.txt --save "build-fuzz/artifacts/$target" \
      data/nir/*.nir || status=1
    continue
  fi
  dict=()
  [ -f "fuzz/dicts/$target.dict" ] && dict=(-dict="fuzz/dicts/$target.dict")
  "build-fuzz/bin/snn-fuzz-$target" "build-fuzz/corpus/$target" "fuzz/corpus/$target" \
    "${dict[@]}" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target/" || status=1
done
exit $status
