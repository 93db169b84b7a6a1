// RUN: snn-opt %s --snn-fuse-layers --split-input-file | FileCheck %s

// Ops sharing a group id move into one snn.group where the last of them was;
// values defined outside (the input, the weights) become its operands and the
// value used outside its result. Members lose their schedule; the group has it.
// CHECK-LABEL: func.func @block
// CHECK-SAME: (%[[X:.*]]: tensor<4x2x8x8xi1>, %[[W:.*]]: tensor<4x2x3x3xi8>)
// CHECK: %[[R:.*]] = snn.group(%[[X]], %[[W]]) {schedule = #snn.schedule<group = 7, time_tile = 2, tile_axis = cols, tile_size = 2>} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi1> {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<4x2x8x8xi1>, %[[B:.*]]: tensor<4x2x3x3xi8>):
// CHECK-NEXT: %[[C:.*]] = snn.conv2d %[[A]], %[[B]] {padding = array<i64: 1, 1>} :
// CHECK-NEXT: %[[S:.*]] = snn.lif %[[C]] {state_type = i12, threshold = 3.000000e+00 : f64} :
// CHECK-NEXT: snn.yield %[[S]]
// CHECK: %[[P:.*]] = snn.maxpool2d %[[R]] {kernel = array<i64: 2, 2>}
// CHECK: return %[[P]]
func.func @block(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<4x4x4x4xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 7, time_tile = 2, tile_axis = cols, tile_size = 2>}
      : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16>
  %s = snn.lif %c {threshold = 3.0, state_type = i12, schedule = #snn.schedule<group = 7, time_tile = 2, tile_axis = cols, tile_size = 2>}
      : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1>
  return %p : tensor<4x4x4x4xi1>
}

// -----

// A residual: both branches and the add in one group; a constant between the
// members becomes an operand. A lone op with a time tile is a group of its
// own; one with the default schedule stays as it is.
// CHECK-LABEL: func.func @residual
// CHECK: %[[G:.*]] = snn.group(%{{.*}}, %{{.*}}) {schedule = #snn.schedule<group = 1>}
// CHECK: snn.dense
// CHECK: snn.lif
// CHECK: snn.add
// CHECK: snn.yield
// CHECK: %[[LONE:.*]] = snn.group(%[[G]]) {schedule = #snn.schedule<time_tile = 2>}
// CHECK: snn.threshold
// CHECK: snn.threshold %[[LONE]] {schedule = #snn.schedule<>, threshold
func.func @residual(%x: tensor<4x8xf32>) -> tensor<4x8xi1> {
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %d = snn.dense %x, %w {schedule = #snn.schedule<group = 1>} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %s = snn.lif %d {threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 1>} : (tensor<4x8xf32>) -> tensor<4x8xi1>
  %a = snn.add %x, %s {schedule = #snn.schedule<group = 1>} : tensor<4x8xf32>, tensor<4x8xi1> -> tensor<4x8xf32>
  %t = snn.threshold %a {threshold = 0.5, schedule = #snn.schedule<time_tile = 2>} : tensor<4x8xf32> -> tensor<4x8xi1>
  %u = snn.threshold %t {threshold = 0.5, schedule = #snn.schedule<>} : tensor<4x8xi1> -> tensor<4x8xi1>
  return %u : tensor<4x8xi1>
}
