// The compiled code computes the same bits on any number of threads: the
// outermost parallel loop of a large op is shared between OpenMP threads,
// each computing whole output positions in the sequential order
// (docs/CodeGeneration.md). Both functions have ops large enough
// (>= 2^20 iteration points per time step) to run in parallel.
// RUN: snn-opt %s --snn-to-loops | FileCheck %s
// CHECK-LABEL: func.func @spikes
// CHECK: affine.parallel
// CHECK-LABEL: func.func @floats
// CHECK: affine.parallel

// RUN: %npy make %t.x.npy --dtype uint8 --shape 8,2,32,32 --random 1
// RUN: %npy make %t.w1.npy --dtype int8 --shape 16,2,3,3 --random 2 --low=-50 --high 50
// RUN: %npy make %t.w2.npy --dtype int8 --shape 16,16,3,3 --random 3 --low=-50 --high 50
// RUN: snn-run %s --entry spikes --threads 1 --input %t.x.npy --input %t.w1.npy --input %t.w2.npy --output %t.s1.npy
// RUN: snn-run %s --entry spikes --threads 2 --input %t.x.npy --input %t.w1.npy --input %t.w2.npy --output %t.s2.npy
// RUN: snn-run %s --entry spikes --threads 3 --input %t.x.npy --input %t.w1.npy --input %t.w2.npy --output %t.s3.npy
// RUN: cmp %t.s1.npy %t.s2.npy
// RUN: cmp %t.s1.npy %t.s3.npy
// The output is not trivial: some neurons spike, some do not.
// RUN: %python -c "import numpy, sys; print('rate', numpy.load(sys.argv[1]).mean())" %t.s1.npy \
// RUN:   | FileCheck %s --check-prefix=SOME
// SOME: rate 0.{{0*[1-9]}}
func.func @spikes(%x: tensor<8x2x32x32xi1>, %w1: tensor<16x2x3x3xi8>, %w2: tensor<16x16x3x3xi8>)
    -> tensor<8x16x32x32xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>}
      : (tensor<8x2x32x32xi1>, tensor<16x2x3x3xi8>) -> tensor<8x16x32x32xi16>
  %s1 = snn.lif %c1 {beta = 0.875, threshold = 96.0, state_type = i16}
      : (tensor<8x16x32x32xi16>) -> tensor<8x16x32x32xi1>
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>}
      : (tensor<8x16x32x32xi1>, tensor<16x16x3x3xi8>) -> tensor<8x16x32x32xi16>
  %s2 = snn.lif %c2 {beta = 0.875, threshold = 96.0, state_type = i16}
      : (tensor<8x16x32x32xi16>) -> tensor<8x16x32x32xi1>
  return %s2 : tensor<8x16x32x32xi1>
}

// Floats: a sum whose value depends on its order.
// RUN: %npy make %t.fx.npy --dtype float32 --shape 8,1024 --random 4 --low=-1000 --high 1000
// RUN: %npy make %t.fw.npy --dtype float32 --shape 1024,1024 --random 5 --low=-1000 --high 1000
// RUN: snn-run %s --entry floats --threads 1 --input %t.fx.npy --input %t.fw.npy --output %t.f1.npy
// RUN: snn-run %s --entry floats --threads 2 --input %t.fx.npy --input %t.fw.npy --output %t.f2.npy
// RUN: cmp %t.f1.npy %t.f2.npy
func.func @floats(%x: tensor<8x1024xf32>, %w: tensor<1024x1024xf32>) -> tensor<8x1024xf32> {
  %s = snn.scale %x {factor = 0.001} : tensor<8x1024xf32> -> tensor<8x1024xf32>
  %y = snn.dense %s, %w : (tensor<8x1024xf32>, tensor<1024x1024xf32>) -> tensor<8x1024xf32>
  %v = snn.li %y {beta = 0.5, state_type = f32} : (tensor<8x1024xf32>) -> tensor<8x1024xf32>
  return %v : tensor<8x1024xf32>
}
