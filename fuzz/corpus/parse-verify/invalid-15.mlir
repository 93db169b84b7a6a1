func.func @conv_float_types(%x: tensor<4x2x8x8xi8>, %w: tensor<4x2x3x3xf32>) {
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi8>, tensor<4x2x3x3xf32>) -> tensor<4x4x6x6xf32>
  return
}
