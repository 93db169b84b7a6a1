// RUN: snn-opt %s --snn-fuse-layers --snn-batch-time --snn-tile-spatial --split-input-file | FileCheck %s
// RUN: snn-opt %s --snn-fuse-layers --snn-batch-time --snn-tile-spatial --canonicalize --split-input-file | FileCheck %s --check-prefix=REUSE

// conv 3x3 (pad 1) -> LIF -> maxpool 2x2 in bands of 2 pooled columns: two
// bands; per band the pool reads 4 LIF columns, which read 4 conv columns,
// which read 6 input columns. The band's input is sliced and padded along
// the tiled axis (the conv keeps its row padding); the LIF learns its place
// in the layer for its per-channel decay.
// CHECK-LABEL: func.func @columns
// CHECK: snn.group(%{{.*}}, %{{.*}}) {schedule = #snn.schedule<group = 0>}
// CHECK: ^bb0(%[[X:.*]]: tensor<4x2x8x8xi1>, %[[W:.*]]: tensor<4x2x3x3xi8>):
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<4x4x4x4xi1>
// CHECK: %[[LOOP:.*]] = scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[OUT]])
// CHECK: %[[XS:.*]] = tensor.extract_slice %[[X]][0, 0, 0, %{{.*}}] [4, 2, 8, %{{.*}}] [1, 1, 1, 1] : tensor<4x2x8x8xi1> to tensor<4x2x8x?xi1>
// CHECK: %[[XP:.*]] = tensor.pad %[[XS]] low[0, 0, 0, %{{.*}}] high[0, 0, 0, %{{.*}}]
// CHECK: } : tensor<4x2x8x?xi1> to tensor<4x2x8x6xi1>
// CHECK: %[[C:.*]] = snn.conv2d %[[XP]], %[[W]] {padding = array<i64: 1, 0>} : (tensor<4x2x8x6xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x4xi16>
// CHECK: %[[S:.*]] = snn.lif %[[C]] at(%{{.*}}, %{{.*}}, %[[AT:.*]]) {beta = array<f64: 5.000000e-01, 5.000000e-01, 1.000000e+00, 1.000000e+00>, layer_shape = array<i64: 4, 8, 8>, {{.*}}} : (tensor<4x4x8x4xi16>, index, index, index) -> tensor<4x4x8x4xi1>
// CHECK: %[[P:.*]] = snn.maxpool2d %{{.*}} {kernel = array<i64: 2, 2>} : tensor<4x4x8x4xi1> -> tensor<4x4x4x2xi1>
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[P]] into %[[ACC]][0, 0, 0, %{{.*}}] [4, 4, 4, 2] [1, 1, 1, 1]
// CHECK: scf.yield %[[INS]]
// CHECK: snn.yield %[[LOOP]]
func.func @columns(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<4x4x4x4xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>}
      : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16>
  %s = snn.lif %c {beta = array<f64: 0.5, 0.5, 1.0, 1.0>, threshold = 3.0, state_type = i12, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>}
      : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1>
  return %p : tensor<4x4x4x4xi1>
}

// -----

// Channel tiles of a dense layer slice its weights and bias by output
// channel; the input is read whole.
// CHECK-LABEL: func.func @channels
// CHECK: ^bb0(%[[X:.*]]: tensor<4x6xf32>, %[[W:.*]]: tensor<8x6xf32>, %[[BIAS:.*]]: tensor<8xf32>):
// CHECK: scf.for %[[B:.*]] =
// CHECK: %[[WS:.*]] = tensor.extract_slice %[[W]][%{{.*}}, 0] [3, 6] [1, 1] : tensor<8x6xf32> to tensor<3x6xf32>
// CHECK: %[[BS:.*]] = tensor.extract_slice %[[BIAS]][%{{.*}}] [3] [1] : tensor<8xf32> to tensor<3xf32>
// CHECK: snn.dense %[[X]], %[[WS]], %[[BS]] : (tensor<4x6xf32>, tensor<3x6xf32>, tensor<3xf32>) -> tensor<4x3xf32>
func.func @channels(%x: tensor<4x6xf32>, %w: tensor<8x6xf32>, %b: tensor<8xf32>) -> tensor<4x8xi1> {
  %d = snn.dense %x, %w, %b {schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 3>} : (tensor<4x6xf32>, tensor<8x6xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %s = snn.lif %d {threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 3>} : (tensor<4x8xf32>) -> tensor<4x8xi1>
  return %s : tensor<4x8xi1>
}

// -----

// Step by step with bands of rows: each band reads its window of the state at
// the start of the time tile and writes its window back into the carried
// state.
// CHECK-LABEL: func.func @rows_step_by_step
// CHECK: scf.for %[[T0:.*]] = {{.*}} iter_args(%{{.*}} = %{{.*}}, %[[V:.*]] = %{{.*}})
// CHECK: snn.group(%{{.*}}, %[[V]])
// CHECK: ^bb0(%[[X:.*]]: tensor<1x2x6x3xf32>, %[[V0:.*]]: tensor<2x6x3xf32>):
// CHECK: %[[BANDS:.*]]:2 = scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}, %[[VACC:.*]] = %[[V0]])
// CHECK: %[[VS:.*]] = tensor.extract_slice %[[V0]][0, %{{.*}}, 0] [2, 4, 3] [1, 1, 1] : tensor<2x6x3xf32> to tensor<2x4x3xf32>
// CHECK: %{{.*}}, %[[VF:.*]] = snn.lif %{{.*}} init(%[[VS]]) at(
// CHECK: tensor.insert_slice %[[VF]] into %[[VACC]][0, %{{.*}}, 0] [2, 4, 3] [1, 1, 1]
// CHECK: snn.yield %[[BANDS]]#0, %[[BANDS]]#1
func.func @rows_step_by_step(%x: tensor<3x2x6x3xf32>) -> tensor<3x2x6x3xi1> {
  %s = snn.lif %x {beta = 0.5, threshold = 1.0, state_type = f32, schedule = #snn.schedule<time_tile = 1, tile_axis = rows, tile_size = 4>} : (tensor<3x2x6x3xf32>) -> tensor<3x2x6x3xi1>
  return %s : tensor<3x2x6x3xi1>
}

// -----

// Halos computed once: conv -> LIF -> conv -> LIF in bands of one column of
// an 8-column layer. The first LIF's window is 3 columns. Band 0 computes
// it whole (clamped at the layer's start: columns 0-2, from padded input);
// the interior (bands 1-5) keeps the 2 columns it shares with the previous
// band's window, moved by how far the window advanced, and computes its
// last column from a static 3-column slice of the input (no padding); the
// trailing bands 6 and 7, whose reads pass the layer's end, run on their
// own with constant padding, computing what their windows advanced by: in
// band 7 the first LIF's window stays at columns 5-7, only the second layer
// computes.
// REUSE-LABEL: func.func @halo_reuse
// REUSE: ^bb0(%[[X:.*]]: tensor<2x1x4x8xf32>, %[[W1:.*]]: tensor<2x1x3x3xf32>, %[[W2:.*]]: tensor<2x2x3x3xf32>):
// Band 0.
// REUSE: %[[P0:.*]] = tensor.pad %{{.*}} low[0, 0, 0, %c1] high[0, 0, 0, %c0]
// REUSE: %[[C0:.*]] = snn.conv2d %[[P0]], %[[W1]] {{.*}} -> tensor<2x2x4x3xf32>
// REUSE: %[[S0:.*]] = snn.lif %[[C0]] at(%c0, %c0, %c0)
// REUSE: snn.conv2d {{.*}} -> tensor<2x2x4x1xf32>
// The interior.
// REUSE: %[[LOOP:.*]]:2 = scf.for %{{.*}} = %c0 to %c5 step %c1 iter_args(%[[OUT:.*]] = %{{.*}}, %[[TILE:.*]] = %[[S0]])
// REUSE-NOT: tensor.pad
// REUSE: %[[XS:.*]] = tensor.extract_slice %[[X]][0, 0, 0, %{{.*}}] [2, 1, 4, 3] [1, 1, 1, 1] : tensor<2x1x4x8xf32> to tensor<2x1x4x3xf32>
// REUSE: %[[C:.*]] = snn.conv2d %[[XS]], %[[W1]] {{.*}} -> tensor<2x2x4x1xf32>
// REUSE: %[[NEW:.*]] = snn.lif %[[C]] at(%c0, %c0, %{{.*}})
// REUSE: %[[MOVE:.*]] = arith.subi %[[START:.*]], %[[PREVIOUS:.*]] : index
// REUSE: %[[KEPT:.*]] = tensor.extract_slice %[[TILE]][0, 0, 0, %[[MOVE]]] [2, 2, 4, 2]
// REUSE: %[[T1:.*]] = tensor.insert_slice %[[KEPT]] into %{{.*}}[0, 0, 0, 0] [2, 2, 4, 2]
// REUSE: %[[T2:.*]] = tensor.insert_slice %[[NEW]] into %[[T1]][0, 0, 0, 2] [2, 2, 4, 1]
// REUSE: scf.yield %{{.*}}, %[[T2]]
// Trailing bands 6 and 7.
// REUSE: tensor.extract_slice %[[X]][0, 0, 0, 6] [2, 1, 4, 2]
// REUSE: tensor.pad %{{.*}} low[0, 0, 0, %c0] high[0, 0, 0, %c1]
// REUSE: snn.lif %{{.*}} at(%c0, %c0, %c7)
// REUSE: tensor.extract_slice %[[LOOP]]#1[0, 0, 0, 1] [2, 2, 4, 2]
// REUSE: snn.lif %{{.*}} at(%c0, %c0, %c6)
// REUSE-NOT: snn.conv2d %{{.*}}, %[[W1]]
// REUSE: snn.conv2d %{{.*}}, %[[W2]]
// REUSE: snn.lif %{{.*}} at(%c0, %c0, %c7)
// REUSE-NOT: snn.conv2d
// REUSE: snn.yield
func.func @halo_reuse(%x: tensor<2x1x4x8xf32>, %w1: tensor<2x1x3x3xf32>, %w2: tensor<2x2x3x3xf32>) -> tensor<2x2x4x8xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 1>}
      : (tensor<2x1x4x8xf32>, tensor<2x1x3x3xf32>) -> tensor<2x2x4x8xf32>
  %s1 = snn.lif %c1 {beta = 0.5, threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 1>}
      : (tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xi1>
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 1>}
      : (tensor<2x2x4x8xi1>, tensor<2x2x3x3xf32>) -> tensor<2x2x4x8xf32>
  %s2 = snn.lif %c2 {beta = 0.5, threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 1>}
      : (tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xi1>
  return %s2 : tensor<2x2x4x8xi1>
}
