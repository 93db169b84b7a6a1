func.func @scale_param(%x: tensor<4x4x3xf32>) {
  %0 = snn.scale %x {factor = array<f64: 1.0, 2.0, 3.0>} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}
