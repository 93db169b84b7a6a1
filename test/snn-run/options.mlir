// snn-run's --help lists its own options and MLIR's, not the hundreds of
// back-end options libLLVM registers; the pass manager options work.
// RUN: snn-run --help | FileCheck %s --check-prefix=HELP --implicit-check-not=amdgpu \
// RUN:   --implicit-check-not=x86-
// RUN: %npy make %t.x.npy --dtype float32 --shape 2,3 --values 1,2,3,4,5,6
// RUN: snn-run %s --input %t.x.npy --output %t.y.npy --mlir-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// RUN: snn-run %s --input %t.x.npy --output %t.y.npy --mlir-print-ir-after=convert-snn-to-linalg 2>&1 \
// RUN:   | FileCheck %s --check-prefix=IR

// HELP: Generic Options:
// HELP: --help
// HELP: MLIR options:
// HELP: --mlir-print-ir-after-all
// HELP: --mlir-timing
// HELP: snn-run options:
// HELP: --entry
// HELP: --pack-spikes
// HELP: --pass-pipeline
// HELP: --threads
// TIMING: Execution time report
// TIMING: ConvertSNNToLinalg
// IR: IR Dump After ConvertSNNToLinalg
// IR: linalg.generic
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = snn.scale %x {factor = 2.0} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
