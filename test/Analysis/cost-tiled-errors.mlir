// The cost model reads schedules as attributes: after snn-batch-time or
// snn-tile-spatial a group's layers sit in loops, which it cannot cost.
// Refused with the layer's location, never reported as costing nothing.
// RUN: not snn-opt %s --snn-fuse-layers --snn-tile-spatial --snn-cost-report=hardware=host 2>&1 | FileCheck %s --check-prefix=BANDS
// RUN: not snn-opt %s --snn-fuse-layers --snn-batch-time --snn-cost-report=hardware=host 2>&1 | FileCheck %s --check-prefix=TIME
// A fused group that is not yet tiled is costed.
// RUN: snn-opt %s --snn-fuse-layers --snn-cost-report=hardware=host -o /dev/null 2>&1 | FileCheck %s --check-prefix=FUSED

// BANDS: cost-tiled-errors.mlir:[[@LINE+4]]:8: error: cannot cost 'snn.conv2d' inside 'scf.for': its group is already split into time tiles or spatial bands; run the cost model before snn-batch-time and snn-tile-spatial
// TIME: cost-tiled-errors.mlir:[[@LINE+3]]:8: error: cannot cost 'snn.conv2d' inside 'scf.for'
// FUSED: snn.conv2d#0           conv2d         0        13824
func.func @f(%x: tensor<4x2x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<4x3x8x8xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 4>} : (tensor<4x2x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<4x3x8x8xf32>
  %s = snn.lif %c {threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 4>} : (tensor<4x3x8x8xf32>) -> tensor<4x3x8x8xi1>
  return %s : tensor<4x3x8x8xi1>
}
