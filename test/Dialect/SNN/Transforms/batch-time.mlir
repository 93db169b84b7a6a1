// RUN: snn-opt %s --snn-fuse-layers --snn-batch-time | FileCheck %s

// Ten steps in tiles of four: a loop over two tiles of four steps and one last
// tile of two. Each tile slices its input's steps, runs the group with the
// neuron and the delay in explicit-state form, and carries their state (the
// membrane, the previous spikes read by the next-step reset, the delay line).
// CHECK-LABEL: func.func @tiles
// CHECK-SAME: (%[[X:.*]]: tensor<10x4xf32>, %[[W:.*]]: tensor<3x4xf32>)
// CHECK-DAG: %[[V0:.*]] = arith.constant dense<2.500000e-01> : tensor<3xf32>
// CHECK-DAG: %[[S0:.*]] = arith.constant dense<false> : tensor<3xi1>
// CHECK-DAG: %[[H0:.*]] = arith.constant dense<false> : tensor<2x3xi1>
// CHECK-DAG: %[[OUT:.*]] = tensor.empty() : tensor<10x3xi1>
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[LOOP:.*]]:4 = scf.for %[[T0:.*]] = %{{.*}} to %[[C8]] step %[[C4]] iter_args(%[[ACC:.*]] = %[[OUT]], %[[V:.*]] = %[[V0]], %[[S:.*]] = %[[S0]], %[[H:.*]] = %[[H0]])
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][%[[T0]], 0] [4, 4] [1, 1] : tensor<10x4xf32> to tensor<4x4xf32>
// CHECK: %[[TILE:.*]]:4 = snn.group(%[[XT]], %[[W]], %[[V]], %[[S]], %[[H]]) {schedule = #snn.schedule<group = 0>}
// CHECK: snn.dense {{.*}} -> tensor<4x3xf32>
// CHECK: snn.lif %{{.*}} init(%{{.*}}, %{{.*}}) {{.*}} -> (tensor<4x3xi1>, tensor<3xf32>, tensor<3xi1>)
// CHECK: snn.delay %{{.*}} init(%{{.*}}) {{.*}} -> (tensor<4x3xi1>, tensor<2x3xi1>)
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[TILE]]#0 into %[[ACC]][%[[T0]], 0] [4, 3] [1, 1]
// CHECK: scf.yield %[[INS]], %[[TILE]]#1, %[[TILE]]#2, %[[TILE]]#3
// The last, shorter tile starts from the loop's state.
// CHECK: %[[XR:.*]] = tensor.extract_slice %[[X]][8, 0] [2, 4] [1, 1]
// CHECK: %[[LAST:.*]]:4 = snn.group(%[[XR]], %[[W]], %[[LOOP]]#1, %[[LOOP]]#2, %[[LOOP]]#3)
// CHECK: %[[RES:.*]] = tensor.insert_slice %[[LAST]]#0 into %[[LOOP]]#0[8, 0] [2, 3] [1, 1]
// CHECK: return %[[RES]]
func.func @tiles(%x: tensor<10x4xf32>, %w: tensor<3x4xf32>) -> tensor<10x3xi1> {
  %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x4xf32>, tensor<3x4xf32>) -> tensor<10x3xf32>
  %s = snn.lif %d {beta = 0.5, v_init = 0.25, threshold = 1.0, state_type = f32, reset_timing = #snn.reset_timing<next>,
                   schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x3xf32>) -> tensor<10x3xi1>
  %y = snn.delay %s {steps = 2 : i64, schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x3xi1>) -> tensor<10x3xi1>
  return %y : tensor<10x3xi1>
}

// A time tile covering all steps, or none, leaves the group as it is.
// CHECK-LABEL: func.func @whole
// CHECK-NOT: scf.for
// CHECK: snn.group
func.func @whole(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32, schedule = #snn.schedule<time_tile = 4>} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// Per-channel initial membranes become a constant of the layer's shape.
// CHECK-LABEL: func.func @per_channel_init
// CHECK: arith.constant dense<{{\[}}[1, 1], [2, 2]]> : tensor<2x2xi8>
func.func @per_channel_init(%x: tensor<4x2x2xi8>) -> tensor<4x2x2xi1> {
  %s = snn.lif %x {v_init = array<f64: 1.0, 2.0>, threshold = 3.0, state_type = i8, schedule = #snn.schedule<time_tile = 1>} : (tensor<4x2x2xi8>) -> tensor<4x2x2xi1>
  return %s : tensor<4x2x2xi1>
}
