// Spikes between layers take a bit each (snn-pack-spikes): the neuron's
// vector stores of 8 spikes move whole bytes, the 5-wide rows of a 3x5 plane
// make every other access a shift or a read-modify-write, the max pool
// gathers single spikes, and the event-driven dense layer scans the packed
// bits. The outputs equal those of one byte per spike (--pack-spikes=false)
// and those of NumPy: s = x > 0.5, p = max of neighbours along the rows,
// y = p . w (w: 1 for the 12 pool outputs of channel 0, 1 for all 24).
// RUN: %npy make %t.x.npy --dtype float32 --shape 3,2,3,5 --values 1,0,2,0,1,2,0,1,0,2,1,1,1,0,0,0,2,2,2,0,0,1,0,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
// RUN: snn-run %s --input %t.x.npy --output %t.packed.npy
// RUN: snn-run %s --input %t.x.npy --output %t.bytes.npy --pack-spikes=false
// RUN: cmp %t.packed.npy %t.bytes.npy
// RUN: %npy show %t.packed.npy | FileCheck %s
// RUN: snn-opt %s --snn-to-loops | FileCheck %s --check-prefix=IR

// CHECK: 0: 11 23
// CHECK-NEXT: 1: 8 8
// CHECK-NEXT: 2: 0 12

// IR: memref.alloc() {{.*}} : memref<{{[0-9]+}}xi8>
// IR-NOT: memref<2x3x5xi1>
func.func @main(%x: tensor<3x2x3x5xf32>) -> tensor<3x2xi32> {
  %s = snn.lif %x {beta = 0.0, threshold = 0.5, state_type = f32} : (tensor<3x2x3x5xf32>) -> tensor<3x2x3x5xi1>
  %p = snn.maxpool2d %s {kernel = array<i64: 1, 2>, stride = array<i64: 1, 1>} : tensor<3x2x3x5xi1> -> tensor<3x2x3x4xi1>
  %f = snn.flatten %p : tensor<3x2x3x4xi1> -> tensor<3x24xi1>
  %w = arith.constant dense<[[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<2x24xi8>
  %y = snn.dense %f, %w {form = #snn.synapse_form<event>} : (tensor<3x24xi1>, tensor<2x24xi8>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}
