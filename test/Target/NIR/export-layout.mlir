// The layout of an exported file: NIR 1.0 datasets, float32 where every
// value is one, float64 for the inverted time constants and factors.
// RUN: snn-translate --export-nir %s --preset snntorch --dt 1e-4 -o %t.nir
// RUN: %python %S/Inputs/nir_dump.py %t.nir | FileCheck %s

func.func @main(%x: tensor<4x3xf32> loc("x")) -> tensor<4x2xi1> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %d = snn.dense %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32> loc("fc")
  %s = snn.lif %d {beta = 0.96 : f64, gain = 0.04 : f64, v_leak = 0.0 : f64,
                   threshold = 1.0 : f64, reset_timing = #snn.reset_timing<next>,
                   state_type = f32} : (tensor<4x2xf32>) -> tensor<4x2xi1> loc("lif")
  return %s : tensor<4x2xi1>
}

// CHECK:      node/edges str (3, 2) ['x', 'fc', 'fc', 'lif', 'lif', 'output']
// CHECK-NEXT: node/nodes/fc/type str () 'Linear'
// CHECK-NEXT: node/nodes/fc/weight float32 (2, 3) [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
// 1 - 0.96 is 0.040000000000000036 in double: tau = dt/(1 - beta) and
// r = gain tau/dt are the doubles whose forward-Euler images are exactly
// beta and gain.
// CHECK-NEXT: node/nodes/lif/r float64 (2,) [0.9999999999999992, 0.9999999999999992]
// CHECK-NEXT: node/nodes/lif/tau float64 (2,) [0.002499999999999998, 0.002499999999999998]
// CHECK-NEXT: node/nodes/lif/type str () 'LIF'
// CHECK-NEXT: node/nodes/lif/v_leak float32 (2,) [0.0, 0.0]
// CHECK-NEXT: node/nodes/lif/v_reset float32 (2,) [0.0, 0.0]
// CHECK-NEXT: node/nodes/lif/v_threshold float32 (2,) [1.0, 1.0]
// CHECK-NEXT: node/nodes/output/output_type/output int64 (1,) [2]
// CHECK-NEXT: node/nodes/output/shape int64 (1,) [2]
// CHECK-NEXT: node/nodes/output/type str () 'Output'
// CHECK-NEXT: node/nodes/x/input_type/input int64 (1,) [3]
// CHECK-NEXT: node/nodes/x/shape int64 (1,) [3]
// CHECK-NEXT: node/nodes/x/type str () 'Input'
// CHECK-NEXT: node/type str () 'NIRGraph'
// CHECK-NEXT: version str () '1.0.0'
