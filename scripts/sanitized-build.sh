# Sourced by scripts/fuzz.sh and scripts/sanitize.sh: the clang-22 runtime
# check and the configuration of an ASan + UBSan build with assertions on.

# require_runtimes SCRIPT LIB...: stop unless clang-22 has every runtime
# archive LIB (e.g. asan, fuzzer) of libclang-rt-22-dev.
require_runtimes() {
  local script="$1" lib missing=()
  shift
  for lib in "$@"; do
    [ -f "$(clang-22 -print-file-name="libclang_rt.$lib-x86_64.a" 2>/dev/null || true)" ] \
      || missing+=("libclang_rt.$lib")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$script: clang-22's runtimes ${missing[*]} are missing: install" >&2
    echo "  libclang-rt-22-dev, which scripts/setup.sh installs." >&2
    exit 2
  fi
}

# configure_sanitized DIR OPT [CMAKE_ARG...]: configure DIR (once) with
# -fsanitize=address,undefined, optimisation OPT and no -DNDEBUG.
configure_sanitized() {
  local dir="$1" opt="$2"
  shift 2
  [ -f "$dir/build.ninja" ] && return
  echo "== configuring $dir/"
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only"
  cmake -G Ninja -S . -B "$dir" "$@" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="$opt" -DCMAKE_C_FLAGS_RELEASE="$opt" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DLLVM_USE_LINKER=lld \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
}
