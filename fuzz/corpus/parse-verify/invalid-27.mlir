func.func @flatten_shape(%x: tensor<4x2x8x8xi1>) {
  %0 = snn.flatten %x : tensor<4x2x8x8xi1> -> tensor<4x64xi1>
  return
}
