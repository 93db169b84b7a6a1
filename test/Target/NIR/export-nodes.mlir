// Every node type the export writes, and what it folds back: the reshapes
// of a Conv1d and of an Output, an snn.add (two edges into the neuron), a
// recurrent weight (a Linear node on a cycle).
// RUN: snn-translate --export-nir %s --preset snntorch --dt 1e-4 -o %t.nir
// RUN: %python %S/Inputs/nir_dump.py %t.nir | FileCheck %s

func.func @main(%x: tensor<4x2x8xf32> loc("x"), %img: tensor<4x1x4x4xf32> loc("y"))
    -> (tensor<4x24xi1>, tensor<4x4xi1>) {
  %rows = snn.reshape %x : tensor<4x2x8xf32> -> tensor<4x2x1x8xf32> loc("conv_2d")
  %k = arith.constant dense<0.5> : tensor<3x2x1x3xf32>
  %c = snn.conv2d %rows, %k {padding = array<i64: 0, 1>}
      : (tensor<4x2x1x8xf32>, tensor<3x2x1x3xf32>) -> tensor<4x3x1x8xf32> loc("conv")
  %c1 = snn.reshape %c : tensor<4x3x1x8xf32> -> tensor<4x3x8xf32> loc("conv_1d")
  %i = snn.li %c1 {gain = 2.0 : f64, state_type = f32}
      : (tensor<4x3x8xf32>) -> tensor<4x3x8xf32> loc("integrator")
  %sc = snn.scale %i {factor = array<f64: 1.0, 2.0, 3.0>}
      : tensor<4x3x8xf32> -> tensor<4x3x8xf32> loc("scale")
  %th = snn.threshold %sc {threshold = 0.5 : f64}
      : tensor<4x3x8xf32> -> tensor<4x3x8xi1> loc("spikes")
  %dl = snn.delay %th {steps = 2 : i64} : (tensor<4x3x8xi1>) -> tensor<4x3x8xi1> loc("delay")
  %o0 = snn.reshape %dl : tensor<4x3x8xi1> -> tensor<4x24xi1> loc("out_a")

  %p = snn.avgpool2d %img {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
      : tensor<4x1x4x4xf32> -> tensor<4x1x2x2xf32> loc("pool")
  %f = snn.flatten %p : tensor<4x1x2x2xf32> -> tensor<4x4xf32> loc("flat")
  %wa = arith.constant dense<1.0> : tensor<4x4xf32>
  %ba = arith.constant dense<0.25> : tensor<4xf32>
  %a = snn.dense %f, %wa, %ba : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>)
      -> tensor<4x4xf32> loc("fc_a")
  %b = snn.dense %f, %wa : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32> loc("fc_b")
  %sum = snn.add %a, %b : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32> loc("lif_sum")
  %wr = arith.constant dense<-0.5> : tensor<4x4xf32>
  %s = snn.lif %sum recurrent(%wr) {beta = 0.5 : f64, gain = 0.5 : f64, v_leak = 0.0 : f64,
      threshold = 1.0 : f64, reset_timing = #snn.reset_timing<next>, state_type = f32}
      : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xi1> loc("lif")
  return %o0, %s : tensor<4x24xi1>, tensor<4x4xi1>
}

// Edges consumer by consumer, in op order; the sum's operands both enter
// 'lif', the recurrent weight sits on the cycle lif -> lif_w_rec -> lif.
// CHECK:      node/edges str (15, 2) ['x', 'conv', 'conv', 'integrator', 'integrator', 'scale', 'scale', 'spikes', 'spikes', 'delay', 'y', 'pool', 'pool', 'flat', 'flat', 'fc_a', 'flat', 'fc_b', 'fc_a', 'lif', 'fc_b', 'lif', 'lif', 'lif_w_rec', 'lif_w_rec', 'lif', 'delay', 'output_0', 'lif', 'output_1']
// CHECK:      node/nodes/conv/input_shape int64 (1,) [8]
// CHECK-NEXT: node/nodes/conv/padding int64 (1,) [1]
// CHECK-NEXT: node/nodes/conv/stride int64 (1,) [1]
// CHECK-NEXT: node/nodes/conv/type str () 'Conv1d'
// CHECK-NEXT: node/nodes/conv/weight float32 (3, 2, 3)
// CHECK-NEXT: node/nodes/delay/delay float64 (3, 8) [0.0002, 0.0002,
// CHECK-NEXT: node/nodes/delay/type str () 'Delay'
// CHECK-NEXT: node/nodes/fc_a/bias float32 (4,) [0.25, 0.25, 0.25, 0.25]
// CHECK-NEXT: node/nodes/fc_a/type str () 'Affine'
// CHECK:      node/nodes/fc_b/type str () 'Linear'
// CHECK:      node/nodes/flat/end_dim int64 () [-1]
// CHECK-NEXT: node/nodes/flat/input_type/input int64 (3,) [1, 2, 2]
// CHECK-NEXT: node/nodes/flat/start_dim int64 () [0]
// CHECK-NEXT: node/nodes/flat/type str () 'Flatten'
// CHECK-NEXT: node/nodes/integrator/r float32 (3, 8) [2.0,
// CHECK-NEXT: node/nodes/integrator/type str () 'I'
// CHECK-NEXT: node/nodes/lif/r float32 (4,) [1.0, 1.0, 1.0, 1.0]
// CHECK-NEXT: node/nodes/lif/tau float64 (4,) [0.0002, 0.0002, 0.0002, 0.0002]
// CHECK-NEXT: node/nodes/lif/type str () 'LIF'
// CHECK:      node/nodes/lif_w_rec/type str () 'Linear'
// CHECK-NEXT: node/nodes/lif_w_rec/weight float32 (4, 4) [-0.5,
// CHECK-NEXT: node/nodes/output_0/output_type/output int64 (1,) [24]
// CHECK-NEXT: node/nodes/output_0/shape int64 (1,) [24]
// CHECK:      node/nodes/pool/kernel_size int64 (2,) [2, 2]
// CHECK-NEXT: node/nodes/pool/padding int64 (2,) [0, 0]
// CHECK-NEXT: node/nodes/pool/stride int64 (2,) [2, 2]
// CHECK-NEXT: node/nodes/pool/type str () 'AvgPool2d'
// CHECK-NEXT: node/nodes/scale/scale float32 (3, 8) [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0,
// CHECK-NEXT: node/nodes/scale/type str () 'Scale'
// CHECK-NEXT: node/nodes/spikes/threshold float32 (3, 8) [0.5,
// CHECK-NEXT: node/nodes/spikes/type str () 'Threshold'
