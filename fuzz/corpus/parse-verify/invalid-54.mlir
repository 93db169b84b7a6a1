func.func @lif_integer_threshold(%x: tensor<4x4xi8>) {
  %0 = snn.lif %x {threshold = 1.5, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}
