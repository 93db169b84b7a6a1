// The input of examples/embed: two convolution + LIF layers over 8 time
// steps on 16x16 spike maps, with 4-bit weights and 12-bit membranes. No
// schedule: snn-embed lets the auto-scheduler choose one for its hardware.
func.func @edge_net(%x: tensor<8x2x16x16xi1>, %w1: tensor<8x2x3x3xi4>,
                    %w2: tensor<8x8x3x3xi4>) -> tensor<8x8x16x16xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>}
      : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi4>) -> tensor<8x8x16x16xi16> loc("conv1")
  %s1 = snn.lif %c1 {threshold = 4.0, state_type = i12}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("lif1")
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>}
      : (tensor<8x8x16x16xi1>, tensor<8x8x3x3xi4>) -> tensor<8x8x16x16xi16> loc("conv2")
  %s2 = snn.lif %c2 {threshold = 4.0, state_type = i12}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("lif2")
  return %s2 : tensor<8x8x16x16xi1>
}
