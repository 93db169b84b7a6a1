func.func @scheduled(%x: tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1> {
  %0 = snn.lif %x {threshold = 2.0, state_type = i12, schedule = #snn.schedule<group = 0>}
      : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
  %1 = snn.lif %x {threshold = 2.0, state_type = i12,
                   schedule = #snn.schedule<time_tile = 2, tile_axis = channels, tile_size = 8>}
      : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
  return %1 : tensor<4x16x8x8xi1>
}