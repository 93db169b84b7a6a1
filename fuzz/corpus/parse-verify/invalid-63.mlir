func.func @lif_recurrent_shape(%x: tensor<4x4xf32>, %w: tensor<4x3xf32>) {
  %0 = snn.lif %x recurrent(%w) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x3xf32>) -> tensor<4x4xi1>
  return
}
