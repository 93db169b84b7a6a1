func.func @neurons(%x: tensor<10x4xf32>, %xi: tensor<10x2x3x3xi16>, %w: tensor<4x4xf32>,
                   %bias: tensor<4xf32>, %v: tensor<4xf32>, %s: tensor<4xi1>, %i: index) {
  %0 = snn.lif %x {beta = 0.9, threshold = 1.0, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %1 = snn.lif %x {tau = 0.02, dt = 0.001, gain = 2.0, v_leak = -0.1, v_init = 0.25,
                   threshold = 1.0, compare = #snn.compare<ge>, reset = #snn.reset<to_value>,
                   v_reset = -0.5, reset_timing = #snn.reset_timing<next>, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %2 = snn.lif %xi {beta = array<f64: 0.5, 0.75>, threshold = 4.0, reset = #snn.reset<zero>, state_type = i12}
      : (tensor<10x2x3x3xi16>) -> tensor<10x2x3x3xi1>
  %3 = snn.lif %x {threshold = 1.0, reset = #snn.reset<none>, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %4 = snn.lif %x recurrent(%w, %bias) {threshold = 1.0, state_type = f32}
      : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<10x4xi1>
  %5:3 = snn.lif %x recurrent(%w) init(%v, %s) at(%i) {threshold = 1.0, state_type = f32, layer_shape = array<i64: 4>}
      : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xi1>, index) -> (tensor<10x4xi1>, tensor<4xf32>, tensor<4xi1>)
  %6 = snn.cuba_lif %x {alpha = 0.8, syn_gain = 0.5, i_init = 1.0, beta = 0.9, threshold = 1.0, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %ci = tensor.empty() : tensor<2x3x3xi12>
  %cv = tensor.empty() : tensor<2x3x3xi16>
  %7:3 = snn.cuba_lif %xi init(%ci, %cv) {tau_syn = 0.0005, tau = 0.001, dt = 0.0001, threshold = 8.0, state_type = i16, syn_type = i12}
      : (tensor<10x2x3x3xi16>, tensor<2x3x3xi12>, tensor<2x3x3xi16>) -> (tensor<10x2x3x3xi1>, tensor<2x3x3xi12>, tensor<2x3x3xi16>)
  %8 = snn.li %x {beta = 0.75, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  %9:2 = snn.li %x init(%v) {state_type = f32} : (tensor<10x4xf32>, tensor<4xf32>) -> (tensor<10x4xf32>, tensor<4xf32>)
  %10 = snn.cuba_li %x {alpha = 0.5, beta = 0.5, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  return
}