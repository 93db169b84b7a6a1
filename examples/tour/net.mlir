// The network of the README's tour: two convolution + LIF layers over 8
// time steps on 16x16 spike maps, a spike-OR residual (SEW-ResNet style)
// and a max pool; 8-bit weights, 16-bit membranes.
func.func @main(%x: tensor<8x2x16x16xi1>, %w1: tensor<8x2x3x3xi8>,
                %w2: tensor<8x8x3x3xi8>) -> tensor<8x8x8x8xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>}
      : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi16> loc("conv1")
  %s1 = snn.lif %c1 {beta = 0.875, threshold = 96.0, state_type = i16}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("lif1")
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>}
      : (tensor<8x8x16x16xi1>, tensor<8x8x3x3xi8>) -> tensor<8x8x16x16xi16> loc("conv2")
  %s2 = snn.lif %c2 {beta = 0.875, threshold = 96.0, state_type = i16}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("lif2")
  %r = snn.add %s1, %s2 {mode = #snn.add_mode<or>}
      : tensor<8x8x16x16xi1>, tensor<8x8x16x16xi1> -> tensor<8x8x16x16xi1> loc("residual")
  %p = snn.maxpool2d %r {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
      : tensor<8x8x16x16xi1> -> tensor<8x8x8x8xi1> loc("pool")
  return %p : tensor<8x8x8x8xi1>
}
