func.func @threshold_result(%x: tensor<4x4xf32>) {
  %0 = snn.threshold %x {threshold = 1.0} : tensor<4x4xf32> -> tensor<4x4xf32>
  return
}
