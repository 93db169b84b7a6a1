func.func @pool_types(%x: tensor<4x2x8x8xi1>) {
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x4x4xi8>
  return
}
