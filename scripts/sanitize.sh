#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# configures build-asan/ (clang-22, every library and tool compiled with
# -fsanitize=address,undefined and assertions on), builds it and runs
# check-snn there. With --python it also runs the Python tests against the
# instrumented C API (build-asan/lib/libSNNCAPI.so, loaded into the
# interpreter) and tools. docs/Reliability.md says what this covers: our C++
# (libraries, snn-opt, snn-run, the C API test, the fuzz replays), not
# Debian's uninstrumented libMLIR.so/libLLVM.so nor the code snn-run JITs.
#
#   scripts/sanitize.sh [--python] [--jobs N]
#
# Any sanitizer report aborts the tool that hit it, so the lit test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

python=0
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python=1 ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "usage: scripts/sanitize.sh [--python] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done

. scripts/sanitized-build.sh
require_runtimes sanitize.sh asan ubsan_standalone
# No -DNDEBUG: our assertions are checked too.
configure_sanitized build-asan -O1

# Leaks are checked at exit; a report, a UBSan finding or an ASan error
# stops the process with an error.
# allow_user_poisoning=0: see docs/Reliability.md (LLVM headers vs the
# uninstrumented libMLIR.so).
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-print_suppressions=0}"

echo "== building build-asan/ (ninja -j$jobs)"
ninja -C build-asan -j"$jobs" snn-opt snn-run SNNCAPIShared
echo "== lit suite under ASan+UBSan (ninja -C build-asan check-snn)"
LIT_OPTS="${LIT_OPTS:--j$jobs}" ninja -C build-asan -j"$jobs" check-snn

if [ "$python" -eq 1 ]; then
  echo "== Python tests against the instrumented C API and tools"
  # The interpreter is not instrumented but loads the instrumented C API: the
  # ASan runtime goes in first (LD_PRELOAD, which python/tests/conftest.py
  # keeps from the instrumented tools the tests start: they carry their own),
  # and leaks are not checked (the interpreter keeps its objects at exit).
  status=0
  LD_PRELOAD="$(clang-22 -print-file-name=libclang_rt.asan-x86_64.so)" \
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
    PYTHONPATH=python SNN_MLIR_BUILD="$PWD/build-asan" /usr/bin/python3 -m pytest -q python/tests \
    || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
    exit "$status"
  fi
fi
echo "== sanitizer run clean"
