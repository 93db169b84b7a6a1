#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures build/ with
# clang-22, lld, Ninja and ccache, and builds. Safe to run repeatedly.
#   --bench  also installs what only the benchmarks need (PyTorch for the
#            eager baselines of bench/runtime.py --config); the tests never
#            need it.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22 lld-22
          cmake ninja-build ccache python3-numpy python3-h5py python3-matplotlib
          python3-pytest valgrind libclang-rt-22-dev libomp-22-dev
          python3-pip python3-setuptools python3-wheel libhdf5-dev zlib1g-dev)
bench_packages=(python3-torch)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=("${bench_packages[@]}") ;;
    *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f build/build.ninja ]; then
  echo "== configuring build/"
  cmake -G Ninja -S . -B build \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
fi
echo "== building"
start=$(date +%s)
ninja -C build
echo "== built in $(( $(date +%s) - start )) s"
