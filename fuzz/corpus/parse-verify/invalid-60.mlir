func.func @lif_int_state_float_input(%x: tensor<4x4xf32>) {
  %0 = snn.lif %x {threshold = 1.0, state_type = i12} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}
