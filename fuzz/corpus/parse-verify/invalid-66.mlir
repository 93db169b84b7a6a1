func.func @lif_recurrent_bias_type(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %b: tensor<4xf64>) {
  %0 = snn.lif %x recurrent(%w, %b) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf64>) -> tensor<4x4xi1>
  return
}
