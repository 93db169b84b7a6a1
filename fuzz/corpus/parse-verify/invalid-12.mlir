func.func @conv_int_types(%x: tensor<4x2x8x8xf32>, %w: tensor<4x2x3x3xi8>) {
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xf32>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}
