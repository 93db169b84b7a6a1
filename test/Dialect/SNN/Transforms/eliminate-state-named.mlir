// RUN: snn-opt %s --snn-eliminate-state='layers=asked' 2>&1 | FileCheck %s
// RUN: not snn-opt %s --snn-eliminate-state='layers=asked,typo' 2>&1 | FileCheck %s --check-prefix=TYPO

// Neurons named by their name location (as the NIR importer and the bench
// generator write them).

// CHECK: remark: loc("asked"): stateless on request: 96 bits of state removed
// CHECK: remark: neuron state: 192 -> 96 bits (2.00x fewer); 96 removed from 1 stateless neurons
// CHECK-LABEL: func.func @named
// CHECK-NEXT:    %[[A:.*]] = snn.threshold %arg0 {threshold = 1.000000e+00 : f64} : tensor<4x3xf32> -> tensor<4x3xi1>
// CHECK-NEXT:    %[[B:.*]] = snn.lif %arg0 {beta = 5.000000e-01 : f64, state_type = f32
// TYPO: error: snn-eliminate-state: no neuron named 'typo'
func.func @named(%x: tensor<4x3xf32>) -> (tensor<4x3xi1>, tensor<4x3xi1>) {
  %a = snn.lif %x {beta = 0.9, threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1> loc("asked")
  %b = snn.lif %x {beta = 0.5, threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1> loc("other")
  return %a, %b : tensor<4x3xi1>, tensor<4x3xi1>
}
