module {
  func.func @main(%arg0: tensor<8x2x16x16xi1>, %arg1: tensor<8x2x3x3xi8>, %arg2: tensor<8x8x3x3xi8>) -> tensor<8x8x8x8xi1> {
    %0 = snn.conv2d %arg0, %arg1 {padding = array<i64: 1, 1>} : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi16>
    %output = snn.lif %0 {beta = 8.750000e-01 : f64, state_type = i16, threshold = 9.600000e+01 : f64} : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1>
    %1 = snn.conv2d %output, %arg2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 8>} : (tensor<8x8x16x16xi1>, tensor<8x8x3x3xi8>) -> tensor<8x8x16x16xi16>
    %output_0 = snn.lif %1 {beta = 8.750000e-01 : f64, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 8>, state_type = i16, threshold = 9.600000e+01 : f64} : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1>
    %2 = snn.add %output, %output_0 {mode = #snn.add_mode<or>, schedule = #snn.schedule<group = 1>} : tensor<8x8x16x16xi1>, tensor<8x8x16x16xi1> -> tensor<8x8x16x16xi1>
    %3 = snn.maxpool2d %2 {kernel = array<i64: 2, 2>, schedule = #snn.schedule<group = 1>, stride = array<i64: 2, 2>} : tensor<8x8x16x16xi1> -> tensor<8x8x8x8xi1>
    return %3 : tensor<8x8x8x8xi1>
  }
}

