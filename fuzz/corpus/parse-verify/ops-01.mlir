func.func @activations(%x: tensor<4x16x8x8xi16>, %f: tensor<4x10xf32>, %i: index) {
  %0 = snn.threshold %x {threshold = 3.0} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi1>
  %t = tensor.empty() : tensor<4x2x3xf32>
  %1 = snn.threshold %t at(%i, %i) {threshold = array<f64: 0.5, 1.0, 1.5, 2.0>, compare = #snn.compare<ge>, layer_shape = array<i64: 4, 3>} : tensor<4x2x3xf32> -> tensor<4x2x3xi1>
  %2 = snn.relu %x {shift = 4 : i64} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi4>
  %3 = snn.relu %f : tensor<4x10xf32> -> tensor<4x10xf32>
  return
}