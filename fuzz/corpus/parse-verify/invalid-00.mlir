func.func @dynamic_shape(%x: tensor<?x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  %0 = snn.conv2d %x, %w : (tensor<?x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}
