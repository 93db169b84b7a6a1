func.func @lif_init_type(%x: tensor<4x4xf32>, %v: tensor<4xf64>) {
  %0:2 = snn.lif %x init(%v) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4xf64>) -> (tensor<4x4xi1>, tensor<4xf64>)
  return
}
