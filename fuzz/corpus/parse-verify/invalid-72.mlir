func.func @lif_offsets(%x: tensor<4x4xf32>, %i: index) {
  %0 = snn.lif %x at(%i, %i) {threshold = 1.0, state_type = f32, layer_shape = array<i64: 8>} : (tensor<4x4xf32>, index, index) -> tensor<4x4xi1>
  return
}
