// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.

// A neuron is a loop over time carrying its state tensors; each step updates
// every neuron in one element-wise generic that writes the state in place.
// CHECK-LABEL: func.func @lif
// CHECK-SAME: (%[[X:.*]]: tensor<10x4x3xi8>)
// CHECK: %[[V0:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x3xi12>)
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<10x4x3xi1>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[V:.*]] = %[[V0]], %[[ACC:.*]] = %[[OUT]]) -> (tensor<4x3xi12>, tensor<10x4x3xi1>)
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[T]], 0, 0] [1, 4, 3] [1, 1, 1] : tensor<10x4x3xi8> to tensor<4x3xi8>
// CHECK: %[[ST:.*]] = tensor.extract_slice %[[ACC]][%[[T]], 0, 0] [1, 4, 3] [1, 1, 1]
// Per-channel decays are a constant tensor read by channel.
// CHECK: %[[BETA:.*]] = arith.constant dense<[32768, 49152, 65536, 0]> : tensor<4xi64>
// CHECK: %[[STEP:.*]]:2 = linalg.generic {{.*}} ins(%[[XT]], %[[BETA]] : tensor<4x3xi8>, tensor<4xi64>) outs(%[[V]], %[[ST]] : tensor<4x3xi12>, tensor<4x3xi1>)
// Q16 decay: product then arithmetic shift by 16.
// CHECK: arith.muli
// CHECK: arith.shrsi
// CHECK: arith.cmpi sgt
// CHECK: arith.select
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[STEP]]#1 into %[[ACC]][%[[T]], 0, 0]
// CHECK: scf.yield %[[STEP]]#0, %[[INS]]
// CHECK: return %[[LOOP]]#1
func.func @lif(%x: tensor<10x4x3xi8>) -> tensor<10x4x3xi1> {
  %0 = snn.lif %x {beta = array<f64: 0.5, 0.75, 1.0, 0.0>, threshold = 4.0, state_type = i12}
      : (tensor<10x4x3xi8>) -> tensor<10x4x3xi1>
  return %0 : tensor<10x4x3xi1>
}

// Explicit state: the loop starts from the init operands and the final state
// is returned. A recurrent weight adds a mat-vec of the previous spikes, which
// are then part of the state.
// CHECK-LABEL: func.func @recurrent_explicit
// CHECK-SAME: (%[[X:.*]]: tensor<5x3xf32>, %[[W:.*]]: tensor<3x3xf32>, %[[V0:.*]]: tensor<3xf32>, %[[S0:.*]]: tensor<3xi1>)
// CHECK: %[[LOOP:.*]]:3 = scf.for {{.*}} iter_args(%[[V:.*]] = %[[V0]], %[[S:.*]] = %[[S0]], %{{.*}} = %{{.*}})
// CHECK: %[[FB:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[W]], %[[S]] : tensor<3x3xf32>, tensor<3xi1>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[FB]] : tensor<3xf32>, tensor<3xf32>) outs(%[[V]], %[[S]], %{{.*}} : tensor<3xf32>, tensor<3xi1>, tensor<3xi1>)
// CHECK: return %[[LOOP]]#2, %[[LOOP]]#0, %[[LOOP]]#1
func.func @recurrent_explicit(%x: tensor<5x3xf32>, %w: tensor<3x3xf32>, %v: tensor<3xf32>, %s: tensor<3xi1>)
    -> (tensor<5x3xi1>, tensor<3xf32>, tensor<3xi1>) {
  %0:3 = snn.lif %x recurrent(%w) init(%v, %s) {threshold = 1.0, state_type = f32}
      : (tensor<5x3xf32>, tensor<3x3xf32>, tensor<3xf32>, tensor<3xi1>) -> (tensor<5x3xi1>, tensor<3xf32>, tensor<3xi1>)
  return %0#0, %0#1, %0#2 : tensor<5x3xi1>, tensor<3xf32>, tensor<3xi1>
}

// A current-based neuron carries the current first; a leaky integrator
// returns its membrane.
// CHECK-LABEL: func.func @cuba_li
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<2xf64>, tensor<2xf32>, tensor<6x2xf32>)
// CHECK: arith.extf
func.func @cuba_li(%x: tensor<6x2xf32>) -> tensor<6x2xf32> {
  %0 = snn.cuba_li %x {alpha = 0.5, beta = 0.5, state_type = f32, syn_type = f64} : (tensor<6x2xf32>) -> tensor<6x2xf32>
  return %0 : tensor<6x2xf32>
}

// A tile of a layer reads its part of per-channel parameters at its offset.
// CHECK-LABEL: func.func @tile_params
// CHECK-SAME: %[[AT:[^:]*]]: index
// CHECK: %[[ALL:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK: tensor.extract_slice %[[ALL]][%[[AT]]] [2] [1] : tensor<4xf32> to tensor<2xf32>
func.func @tile_params(%x: tensor<3x2x5xf32>, %at: index, %zero: index) -> tensor<3x2x5xi1> {
  %0 = snn.lif %x at(%at, %zero) {threshold = array<f64: 1.0, 2.0, 3.0, 4.0>, state_type = f32, layer_shape = array<i64: 4, 5>}
      : (tensor<3x2x5xf32>, index, index) -> tensor<3x2x5xi1>
  return %0 : tensor<3x2x5xi1>
}

// A synapse read only by the neuron is computed step by step inside the
// neuron's time loop: its partial sums exist for one step at a time, in i16
// (18 spikes times i8 weights stay within [-2304, 2286]).
// CHECK-LABEL: func.func @absorbed_synapse
// CHECK-SAME: (%[[X:.*]]: tensor<6x2x5x5xi1>, %[[W:.*]]: tensor<3x2x3x3xi8>)
// CHECK-NOT: tensor<6x3x3x3xi16>
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[T]], 0, 0, 0] [1, 2, 5, 5] [1, 1, 1, 1] : tensor<6x2x5x5xi1> to tensor<1x2x5x5xi1>
// CHECK: %[[XG:.*]] = tensor.expand_shape %[[XT]]
// CHECK: linalg.generic {{.*}} ins(%[[XG]], %[[W]] : tensor<1x1x2x5x5xi1>, tensor<3x2x3x3xi8>) outs(%{{.*}} : tensor<1x1x3x3x3xi16>)
func.func @absorbed_synapse(%x: tensor<6x2x5x5xi1>, %w: tensor<3x2x3x3xi8>) -> tensor<6x3x3x3xi1> {
  %c = snn.conv2d %x, %w : (tensor<6x2x5x5xi1>, tensor<3x2x3x3xi8>) -> tensor<6x3x3x3xi16>
  %s = snn.lif %c {threshold = 4.0, state_type = i12} : (tensor<6x3x3x3xi16>) -> tensor<6x3x3x3xi1>
  return %s : tensor<6x3x3x3xi1>
}

// Lava's fixed-point LIF: the current's products round to nearest (ties to
// even: floor + (rem + (floor & 1) > 2^15)) and the current wraps (trunci
// then extsi); the membrane's decay truncates toward zero (divsi), the bias
// is added last, and the membrane saturates symmetrically to +-(2^23 - 1).
// CHECK-LABEL: func.func @lava_fixed
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi24>, tensor<4xi24>, tensor<4xi1>)
// CHECK: %[[SYN:.*]] = arith.muli %{{.*}}, %c4194304_i64
// CHECK: %[[DOWN:.*]] = arith.shrsi %[[SYN]], %{{.*}}
// CHECK: %[[REM:.*]] = arith.andi %[[SYN]], %c65535_i64
// CHECK: %[[ODD:.*]] = arith.andi %[[DOWN]], %c1_i64
// CHECK: %[[SUM:.*]] = arith.addi %[[REM]], %[[ODD]]
// CHECK: %[[UP:.*]] = arith.cmpi sgt, %[[SUM]], %c32768_i64
// CHECK: %[[UP64:.*]] = arith.extui %[[UP]] : i1 to i64
// CHECK: arith.addi %[[DOWN]], %[[UP64]]
// CHECK: %[[EXACT:.*]] = arith.addi
// CHECK: %[[LOW:.*]] = arith.trunci %[[EXACT]] : i64 to i24
// CHECK: arith.extsi %[[LOW]] : i24 to i64
// CHECK: %[[DECAY:.*]] = arith.muli %{{.*}}, %c62928_i64
// CHECK: %[[TRUNC:.*]] = arith.divsi %[[DECAY]], %c65536_i64
// CHECK: %[[H0:.*]] = arith.addi %[[TRUNC]], %{{.*}}
// CHECK: %[[H1:.*]] = arith.addi %[[H0]], %{{.*}}
// CHECK: %[[H2:.*]] = arith.addi %[[H1]], %c3_i64
// CHECK: %[[CLAMP:.*]] = arith.maxsi %[[H2]], %c-8388607_i64
// CHECK: arith.minsi %[[CLAMP]], %c8388607_i64
// CHECK: arith.cmpi sgt
func.func @lava_fixed(%x: tensor<10x4xi16>) -> tensor<10x4xi1> {
  %0 = snn.cuba_lif %x {alpha = 0.0, beta = 0.960205078125, syn_gain = 64.0, bias = 3.0, threshold = 1600.0,
                        reset = #snn.reset<zero>, state_type = i24,
                        rounding = #snn.rounding<toward_zero>, overflow = #snn.overflow<saturate_symmetric>,
                        syn_rounding = #snn.rounding<nearest_even>, syn_overflow = #snn.overflow<wrap>}
      : (tensor<10x4xi16>) -> tensor<10x4xi1>
  return %0 : tensor<10x4xi1>
}

// A wrapping membrane also wraps its subtractive reset; a float bias is one
// more addition after the charge.
// CHECK-LABEL: func.func @wrap_reset
// CHECK: arith.cmpi sgt
// CHECK: %[[SUB:.*]] = arith.subi
// CHECK: %[[W:.*]] = arith.trunci %[[SUB]] : i64 to i8
// CHECK: arith.extsi %[[W]] : i8 to i64
// CHECK: arith.select
func.func @wrap_reset(%x: tensor<10x4xi16>) -> tensor<10x4xi1> {
  %0 = snn.lif %x {threshold = 100.0, state_type = i8, overflow = #snn.overflow<wrap>}
      : (tensor<10x4xi16>) -> tensor<10x4xi1>
  return %0 : tensor<10x4xi1>
}

// CHECK-LABEL: func.func @float_bias
// CHECK: %[[BIAS:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: arith.mulf
// CHECK: %[[M:.*]] = arith.mulf
// CHECK: %[[H:.*]] = arith.addf %{{.*}}, %[[M]] : f32
// CHECK: arith.addf %[[H]], %[[BIAS]] : f32
func.func @float_bias(%x: tensor<10x4xf32>) -> tensor<10x4xf32> {
  %0 = snn.li %x {beta = 0.5, gain = 2.0, bias = 0.25, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xf32>
  return %0 : tensor<10x4xf32>
}

// An adaptive threshold and a refractory period are two more state tensors
// after the membrane: the adaptation in the state type, the counter in the
// narrowest of i8, i16 and i32 that holds the period (200 -> i16). A counter
// above zero holds the membrane and silences the spike; the adapted threshold
// is compared and subtracted.
// CHECK-LABEL: func.func @refractory_adaptive
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xi16>, tensor<6x2xi1>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[V:.*]]: f32, %[[A:.*]]: f32, %[[C:.*]]: i16, %{{.*}}: i1):
// CHECK: arith.mulf %{{.*}}, %[[X]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.addf
// CHECK: %[[C64:.*]] = arith.extsi %[[C]] : i16 to i64
// CHECK: %[[SILENT:.*]] = arith.cmpi sgt, %[[C64]], %{{.*}} : i64
// CHECK: %[[HELD:.*]] = arith.select %[[SILENT]], %[[V]], %[[H]] : f32
// CHECK: %[[THETA:.*]] = arith.addf %{{.*}}, %[[A]] : f32
// CHECK: %[[CMP:.*]] = arith.cmpf ogt, %[[HELD]], %[[THETA]] : f32
// CHECK: %[[S:.*]] = arith.select %[[SILENT]], %false, %[[CMP]] : i1
// CHECK: arith.subf %[[HELD]], %[[THETA]] : f32
// CHECK: %[[DECAYED:.*]] = arith.mulf %{{.*}}, %[[A]] : f32
// CHECK: %[[RAISED:.*]] = arith.addf %[[DECAYED]], %{{.*}} : f32
// CHECK: arith.select %[[S]], %[[RAISED]], %[[DECAYED]] : f32
// CHECK: arith.maxsi
// CHECK: %[[COUNT:.*]] = arith.select %[[S]], %c200_i64, %{{.*}} : i64
// CHECK: arith.trunci %[[COUNT]] : i64 to i16
func.func @refractory_adaptive(%x: tensor<6x2xf32>) -> tensor<6x2xi1> {
  %0 = snn.lif %x {threshold = 1.0, adapt = 0.25, adapt_decay = 0.5, refractory = 200, state_type = f32}
      : (tensor<6x2xf32>) -> tensor<6x2xi1>
  return %0 : tensor<6x2xi1>
}
