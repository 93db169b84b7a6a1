#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: the lit
# suite (check-snn), the Python tests, and the lit suite again against tools
# built with ASan + UBSan and libFuzzer (build-fuzz/), which also runs each
# fuzzer briefly. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "== lit suite (ninja -C build check-snn)"
ninja -C build check-snn
echo "== Python tests"
status=0
# -rs lists every skip; SNN_MLIR_NO_SKIPS fails the run if a test skipped for
# anything but the benchmarks' optional PyTorch (python/tests/conftest.py).
SNN_MLIR_NO_SKIPS=1 PYTHONPATH=python SNN_MLIR_BUILD="$PWD/build" \
  /usr/bin/python3 -m pytest -q -rs python/tests || status=$?
# pytest exits 5 when it collects no test: nothing failed.
if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
  exit "$status"
fi
echo "== ASan + UBSan: the lit suite and 15 s of each fuzzer (scripts/fuzz.sh --smoke)"
./scripts/fuzz.sh --smoke
echo "== all tests passed"
