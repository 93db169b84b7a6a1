func.func @delay_type(%x: tensor<4x4xf32>) {
  %0 = snn.delay %x {steps = 1 : i64} : (tensor<4x4xf32>) -> tensor<4x4xf64>
  return
}
