#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# configures build-asan/ (clang-22, every library and tool compiled with
# -fsanitize=address,undefined and assertions on), builds it and runs
# check-snn there. With --python it also runs the Python tests against the
# instrumented tools. docs/Reliability.md says what this covers: our C++
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

runtime=$(clang-22 -print-file-name=libclang_rt.asan-x86_64.a 2>/dev/null || true)
ubsan=$(clang-22 -print-file-name=libclang_rt.ubsan_standalone-x86_64.a 2>/dev/null || true)
if [ ! -f "$runtime" ] || [ ! -f "$ubsan" ]; then
  echo "sanitize.sh: clang-22's sanitizer runtimes are missing (libclang_rt.asan," >&2
  echo "  libclang_rt.ubsan_standalone): install libclang-rt-22-dev, which" >&2
  echo "  scripts/setup.sh installs (apt-get install libclang-rt-22-dev)." >&2
  exit 2
fi

flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only"
if [ ! -f build-asan/build.ninja ]; then
  echo "== configuring build-asan/"
  # No -DNDEBUG: our assertions are checked too.
  cmake -G Ninja -S . -B build-asan \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DCMAKE_C_FLAGS_RELEASE=-O1 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DLLVM_USE_LINKER=lld \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
fi

# Leaks are checked at exit; a report, a UBSan finding or an ASan error
# stops the process with an error.
# allow_user_poisoning=0: see docs/Reliability.md (LLVM headers vs the
# uninstrumented libMLIR.so).
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-print_suppressions=0}"

echo "== building build-asan/ (ninja -j$jobs)"
ninja -C build-asan -j"$jobs" snn-opt snn-run
echo "== lit suite under ASan+UBSan (ninja -C build-asan check-snn)"
LIT_OPTS="${LIT_OPTS:--j$jobs}" ninja -C build-asan -j"$jobs" check-snn

if [ "$python" -eq 1 ]; then
  echo "== Python tests against the instrumented tools"
  status=0
  PYTHONPATH=python SNN_MLIR_BUILD="$PWD/build-asan" /usr/bin/python3 -m pytest -q python/tests \
    || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
    exit "$status"
  fi
fi
echo "== sanitizer run clean"
