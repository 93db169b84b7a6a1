func.func @group(%x: tensor<4x2x8x8xi1>, %w: tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi1> {
  %0 = snn.group(%x, %w) {schedule = #snn.schedule<group = 3, time_tile = 1, tile_axis = rows, tile_size = 4, state = spill>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi1> {
  ^bb0(%a: tensor<4x2x8x8xi1>, %b: tensor<16x2x3x3xi8>):
    %c = snn.conv2d %a, %b {padding = array<i64: 1, 1>}
        : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi16>
    %s = snn.lif %c {threshold = 2.0, state_type = i12} : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
    snn.yield %s : tensor<4x16x8x8xi1>
  }
  return %0 : tensor<4x16x8x8xi1>
}