// RUN: snn-opt %s --snn-fuse-layers --snn-tile-spatial --split-input-file --verify-diagnostics

func.func @flatten_in_band(%x: tensor<4x2x4x4xi1>) -> tensor<4x32xi1> {
  %f = snn.flatten %x {schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>} : tensor<4x2x4x4xi1> -> tensor<4x32xi1>
  // expected-error @+1 {{cannot tile along per-step dimension 0: 'snn.flatten' does not support spatial tiling}}
  %s = snn.threshold %f {threshold = 0.5, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>} : tensor<4x32xi1> -> tensor<4x32xi1>
  return %s : tensor<4x32xi1>
}

// -----

func.func @no_such_axis(%x: tensor<4x8xf32>) -> tensor<4x8xi1> {
  // expected-error @+1 {{cannot tile along per-step dimension 2: 'snn.threshold' has no such dimension}}
  %s = snn.threshold %x {threshold = 0.5, schedule = #snn.schedule<tile_axis = cols, tile_size = 2>} : tensor<4x8xf32> -> tensor<4x8xi1>
  return %s : tensor<4x8xi1>
}

// -----

func.func @two_results(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi1>) {
  %r = snn.relu %x {schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>} : tensor<4x8xf32> -> tensor<4x8xf32>
  // expected-error @+1 {{cannot tile along per-step dimension 0: 'snn.relu' is also read outside the group, and only the last op's result leaves a tiled group}}
  %s = snn.threshold %r {threshold = 0.5, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>} : tensor<4x8xf32> -> tensor<4x8xi1>
  return %r, %s : tensor<4x8xf32>, tensor<4x8xi1>
}

// -----

func.func @recurrent(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xi1> {
  // expected-error @+1 {{cannot tile along per-step dimension 0: 'snn.lif' does not support spatial tiling}}
  %s = snn.lif %x recurrent(%w) {threshold = 1.0, state_type = f32, schedule = #snn.schedule<tile_axis = channels, tile_size = 2>} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xi1>
  return %s : tensor<4x8xi1>
}
