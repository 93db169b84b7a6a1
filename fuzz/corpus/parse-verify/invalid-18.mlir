func.func @dense_time(%x: tensor<4x8xi1>, %w: tensor<3x8xf32>) {
  %0 = snn.dense %x, %w : (tensor<4x8xi1>, tensor<3x8xf32>) -> tensor<5x3xf32>
  return
}
