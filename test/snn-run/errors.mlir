// snn-run reports every problem with its inputs in one line and exits non-zero.
// RUN: %npy make %t.ok.npy --dtype float32 --shape 4,3 --fill 1
// RUN: %npy make %t.shape.npy --dtype float32 --shape 4,2 --fill 1
// RUN: %npy make %t.dtype.npy --dtype float64 --shape 4,3 --fill 1
// RUN: %npy make %t.spikes.npy --dtype uint8 --shape 4,3 --fill 2
// RUN: %npy make %t.int.npy --dtype int8 --shape 4,3 --fill 9
// RUN: echo garbage > %t.garbage.npy

// RUN: not snn-run %s --input %t.ok.npy 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: snn-run: error: @main returns 1 results but 0 --output files were given

// RUN: not snn-run %s --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=INPUTS
// INPUTS: snn-run: error: @main takes 1 arguments but 0 --input files were given

// RUN: not snn-run %s --input %t.shape.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: snn-run: error: input #0 ('{{.*}}shape.npy'): expected shape (4, 3), got (4, 2)

// RUN: not snn-run %s --input %t.dtype.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: snn-run: error: input #0 ('{{.*}}dtype.npy'): expected dtype float32 (storage of f32), got '<f8'

// RUN: not snn-run %s --input %t.missing.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: snn-run: error: cannot read '{{.*}}missing.npy': No such file or directory

// RUN: not snn-run %s --input %t.garbage.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: snn-run: error: '{{.*}}garbage.npy' is not a valid .npy file: missing the \x93NUMPY magic

// RUN: not snn-run %s --entry nope --input %t.ok.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: snn-run: error: no function @nope with a body in

// RUN: not snn-run %s --entry spikes --input %t.spikes.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=SPIKES
// SPIKES: snn-run: error: input #0 ('{{.*}}spikes.npy'): element 0 is 2, outside [0, 1]

// RUN: not snn-run %s --entry ints --input %t.int.npy --output %t.o.npy 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: snn-run: error: input #0 ('{{.*}}int.npy'): element 0 is 9, outside [-8, 7]

// RUN: not snn-run %s --input %t.ok.npy --output %t.o.npy --pass-pipeline='builtin.module(no-such-pass)' 2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: snn-run: error: cannot parse --pass-pipeline

// RUN: snn-run %s --input %t.ok.npy --output %t.o.npy --repeat 3 --print-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING: snn-run: parse+lower {{[0-9.]+}} ms, jit {{[0-9.]+}} ms, run {{[0-9.]+}} ms mean / {{[0-9.]+}} ms min over 3 calls

func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

func.func @spikes(%x: tensor<4x3xi1>) -> tensor<4x3xi1> {
  return %x : tensor<4x3xi1>
}

func.func @ints(%x: tensor<4x3xi4>) -> tensor<4x3xi4> {
  return %x : tensor<4x3xi4>
}
