func.func @synapses(%x: tensor<4x2x8x8xi1>, %w: tensor<16x2x3x3xi8>, %b: tensor<16xi16>,
                    %wf: tensor<4x1x3x3xf32>, %xf: tensor<4x4x9x9xf32>,
                    %d: tensor<4x128xi1>, %wd: tensor<10x128xf32>, %bd: tensor<10xf32>) {
  %0 = snn.conv2d %x, %w, %b {padding = array<i64: 1, 1>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>, tensor<16xi16>) -> tensor<4x16x8x8xi16>
  %1 = snn.conv2d %x, %w {stride = array<i64: 2, 1>, dilation = array<i64: 2, 2>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x2x4xi32>
  %2 = snn.conv2d %xf, %wf {groups = 4 : i64}
      : (tensor<4x4x9x9xf32>, tensor<4x1x3x3xf32>) -> tensor<4x4x7x7xf32>
  %3 = snn.dense %d, %wd, %bd : (tensor<4x128xi1>, tensor<10x128xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %4 = snn.dense %d, %wd : (tensor<4x128xi1>, tensor<10x128xf32>) -> tensor<4x10xf32>
  %5 = snn.add %0, %0, %0 : tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi16>
  %6 = snn.add %x, %x {mode = #snn.add_mode<or>} : tensor<4x2x8x8xi1>, tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi1>
  %7 = snn.add %3, %4 : tensor<4x10xf32>, tensor<4x10xf32> -> tensor<4x10xf32>
  %8 = snn.maxpool2d %x {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x4x4xi1>
  %9 = snn.sumpool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>}
      : tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi8>
  %10 = snn.avgpool2d %xf {kernel = array<i64: 3, 3>} : tensor<4x4x9x9xf32> -> tensor<4x4x3x3xf32>
  %11 = snn.flatten %x : tensor<4x2x8x8xi1> -> tensor<4x128xi1>
  %12 = snn.flatten %x {start_dim = 1 : i64, end_dim = 2 : i64} : tensor<4x2x8x8xi1> -> tensor<4x2x64xi1>
  %13 = snn.reshape %d : tensor<4x128xi1> -> tensor<4x2x1x64xi1>
  %14 = snn.scale %xf {factor = array<f64: 1.0, 2.0, 3.0, 4.0>} : tensor<4x4x9x9xf32> -> tensor<4x4x9x9xf32>
  %15 = snn.delay %d {steps = 2 : i64} : (tensor<4x128xi1>) -> tensor<4x128xi1>
  %h = tensor.empty() : tensor<2x128xi1>
  %16:2 = snn.delay %d init(%h) {steps = 2 : i64} : (tensor<4x128xi1>, tensor<2x128xi1>) -> (tensor<4x128xi1>, tensor<2x128xi1>)
  return
}