func.func @relu_float_shift(%x: tensor<4x4xf32>) {
  %0 = snn.relu %x {shift = 1 : i64} : tensor<4x4xf32> -> tensor<4x4xf32>
  return
}
