func.func @lif_result_type(%x: tensor<4x4xf32>) {
  %0 = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}
