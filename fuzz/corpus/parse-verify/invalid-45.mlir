func.func @lif_dt(%x: tensor<4x4xf32>) {
  %0 = snn.lif %x {tau = 1.0, dt = 0.0, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}
