func.func @lif_threshold(%x: tensor<4x4xf32>) {
  %0 = snn.lif %x {threshold = 0.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}
