func.func @block(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<4x4x4x4xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 7, time_tile = 2, tile_axis = cols, tile_size = 2>}
      : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16>
  %s = snn.lif %c {threshold = 3.0, state_type = i12, schedule = #snn.schedule<group = 7, time_tile = 2, tile_axis = cols, tile_size = 2>}
      : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1>
  return %p : tensor<4x4x4x4xi1>
}
