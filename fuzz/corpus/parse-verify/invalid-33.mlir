func.func @scale_layer_shape(%x: tensor<4x4x3xf32>, %i: index) {
  %0 = snn.scale %x at(%i, %i) {factor = 2.0} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}
