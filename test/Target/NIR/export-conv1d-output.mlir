// A Conv1d whose output is the graph's: its reshape back to (O, L') belongs
// to the Conv1d, not to the Output.
// RUN: snn-translate --export-nir %s --preset snntorch --dt 1e-4 -o %t.nir
// RUN: %python %S/Inputs/nir_dump.py %t.nir | FileCheck %s

func.func @main(%x: tensor<4x2x8xf32> loc("x")) -> tensor<4x3x6xf32> {
  %rows = snn.reshape %x : tensor<4x2x8xf32> -> tensor<4x2x1x8xf32> loc("conv_2d")
  %k = arith.constant dense<0.5> : tensor<3x2x1x3xf32>
  %c = snn.conv2d %rows, %k : (tensor<4x2x1x8xf32>, tensor<3x2x1x3xf32>)
      -> tensor<4x3x1x6xf32> loc("conv")
  %c1 = snn.reshape %c : tensor<4x3x1x6xf32> -> tensor<4x3x6xf32> loc("conv_1d")
  return %c1 : tensor<4x3x6xf32>
}

// CHECK:      node/edges str (2, 2) ['x', 'conv', 'conv', 'output']
// CHECK:      node/nodes/conv/type str () 'Conv1d'
// CHECK-NEXT: node/nodes/conv/weight float32 (3, 2, 3)
// CHECK:      node/nodes/output/shape int64 (2,) [3, 6]
