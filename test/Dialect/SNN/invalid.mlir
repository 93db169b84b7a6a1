// One case per verifier message of the snn dialect.
// RUN: snn-opt %s -split-input-file -verify-diagnostics

func.func @dynamic_shape(%x: tensor<?x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects a statically shaped input, got 'tensor<?x2x8x8xi1>'}}
  %0 = snn.conv2d %x, %w : (tensor<?x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @no_time(%x: tensor<f32>) {
  // expected-error @+1 {{expects the input to have a leading time dimension, got 'tensor<f32>'}}
  %0 = snn.relu %x : tensor<f32> -> tensor<f32>
  return
}

// -----

func.func @conv_rank(%x: tensor<4x2x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects a 4-D input tensor<T x C x H x W>, got 'tensor<4x2x8xi1>'}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3xi8>) {
  // expected-error @+1 {{expects a 4-D weight tensor<K x C/groups x KH x KW>, got 'tensor<4x2x3xi8>'}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<4x2x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_stride_count(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects 'stride' to have 2 values, got 1}}
  %0 = snn.conv2d %x, %w {stride = array<i64: 1>} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_stride_zero(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects 'stride' values >= 1, got 0}}
  %0 = snn.conv2d %x, %w {stride = array<i64: 0, 1>} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_groups(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{groups (3) must divide the input channels (2) and the output channels (4)}}
  %0 = snn.conv2d %x, %w {groups = 3 : i64} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<4x2x8x8xi1>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{weight has 3 input channels per group, expected 2}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_kernel_too_big(%x: tensor<4x2x2x2xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{kernel of extent 3 does not fit the padded input extent 2}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x2x2xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x1x1xi16>
  return
}

// -----

func.func @conv_result_shape(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects result of shape [4, 4, 6, 6], got [4, 4, 8, 8]}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16>
  return
}

// -----

func.func @conv_time(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{expects result of shape [4, 4, 6, 6], got [5, 4, 6, 6]}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<5x4x6x6xi16>
  return
}

// -----

func.func @conv_bias_shape(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>, %b: tensor<5xi16>) {
  // expected-error @+1 {{expects bias of shape [4], got [5]}}
  %0 = snn.conv2d %x, %w, %b : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>, tensor<5xi16>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_int_types(%x: tensor<4x2x8x8xf32>, %w: tensor<4x2x3x3xi8>) {
  // expected-error @+1 {{integer result requires integer input and weight, got 'f32' and 'i8'}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xf32>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_int_bias(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>, %b: tensor<4xi8>) {
  // expected-error @+1 {{expects bias of the result element type 'i16', got 'i8'}}
  %0 = snn.conv2d %x, %w, %b : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>, tensor<4xi8>) -> tensor<4x4x6x6xi16>
  return
}

// -----

func.func @conv_overflow(%x: tensor<4x2x8x8xi32>, %w: tensor<4x2x3x3xi32>) {
  // expected-error @+1 {{integer accumulation of 18 products of 'i32' and 'i32' may overflow 64 bits}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi32>, tensor<4x2x3x3xi32>) -> tensor<4x4x6x6xi32>
  return
}

// -----

func.func @conv_float_types(%x: tensor<4x2x8x8xi8>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{float result 'f32' requires weight of that type and input of that type or i1, got 'i8' and 'f32'}}
  %0 = snn.conv2d %x, %w : (tensor<4x2x8x8xi8>, tensor<4x2x3x3xf32>) -> tensor<4x4x6x6xf32>
  return
}

// -----

func.func @dense_float_bias(%x: tensor<4x8xi1>, %w: tensor<3x8xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{expects bias of the result element type 'f32', got 'f64'}}
  %0 = snn.dense %x, %w, %b : (tensor<4x8xi1>, tensor<3x8xf32>, tensor<3xf64>) -> tensor<4x3xf32>
  return
}

// -----

func.func @dense_weight(%x: tensor<4x8xi1>, %w: tensor<3x7xf32>) {
  // expected-error @+1 {{expects weight of shape [3, 8], got [3, 7]}}
  %0 = snn.dense %x, %w : (tensor<4x8xi1>, tensor<3x7xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @dense_time(%x: tensor<4x8xi1>, %w: tensor<3x8xf32>) {
  // expected-error @+1 {{has 4 time steps in the input but 5 in the result}}
  %0 = snn.dense %x, %w : (tensor<4x8xi1>, tensor<3x8xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @add_one(%x: tensor<4x8xi1>) {
  // expected-error @+1 {{expects at least 2 operands, got 1}}
  %0 = snn.add %x : tensor<4x8xi1> -> tensor<4x8xi1>
  return
}

// -----

func.func @add_shape(%x: tensor<4x8xi8>, %y: tensor<4x9xi8>) {
  // expected-error @+1 {{operand #1 has type 'tensor<4x9xi8>', whose shape differs from the result 'tensor<4x8xi8>'}}
  %0 = snn.add %x, %y : tensor<4x8xi8>, tensor<4x9xi8> -> tensor<4x8xi8>
  return
}

// -----

func.func @add_or(%x: tensor<4x8xi8>) {
  // expected-error @+1 {{mode 'or' requires i1 operands and result}}
  %0 = snn.add %x, %x {mode = #snn.add_mode<or>} : tensor<4x8xi8>, tensor<4x8xi8> -> tensor<4x8xi8>
  return
}

// -----

func.func @add_types(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{operand #0 element type 'f32' cannot be summed into 'i8'}}
  %0 = snn.add %x, %x : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xi8>
  return
}

// -----

func.func @pool_padding(%x: tensor<4x2x8x8xi1>) {
  // expected-error @+1 {{expects padding smaller than the kernel, got 2 for a kernel of 2}}
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x6x6xi1>
  return
}

// -----

func.func @pool_types(%x: tensor<4x2x8x8xi1>) {
  // expected-error @+1 {{cannot pool 'i1' into 'i8'}}
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x4x4xi8>
  return
}

// -----

func.func @sumpool_types(%x: tensor<4x2x8x8xf32>) {
  // expected-error @+1 {{cannot pool 'f32' into 'i8'}}
  %0 = snn.sumpool2d %x {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xf32> -> tensor<4x2x4x4xi8>
  return
}

// -----

func.func @flatten_dims(%x: tensor<4x2x8x8xi1>) {
  // expected-error @+1 {{expects 0 <= start_dim <= end_dim < 3 (per-step dimensions), got 2 and 1}}
  %0 = snn.flatten %x {start_dim = 2 : i64, end_dim = 1 : i64} : tensor<4x2x8x8xi1> -> tensor<4x128xi1>
  return
}

// -----

func.func @flatten_shape(%x: tensor<4x2x8x8xi1>) {
  // expected-error @+1 {{expects result of shape [4, 128], got [4, 64]}}
  %0 = snn.flatten %x : tensor<4x2x8x8xi1> -> tensor<4x64xi1>
  return
}

// -----

func.func @flatten_type(%x: tensor<4x2x8x8xi1>) {
  // expected-error @+1 {{expects the result element type to equal the input's}}
  %0 = snn.flatten %x : tensor<4x2x8x8xi1> -> tensor<4x128xi8>
  return
}

// -----

func.func @reshape_count(%x: tensor<4x128xi1>) {
  // expected-error @+1 {{cannot reshape 128 elements per step into 120}}
  %0 = snn.reshape %x : tensor<4x128xi1> -> tensor<4x2x60xi1>
  return
}

// -----

func.func @scale_param(%x: tensor<4x4x3xf32>) {
  // expected-error @+1 {{'factor' has 3 values; expected 1, 4 (one per channel) or 12 (one per neuron)}}
  %0 = snn.scale %x {factor = array<f64: 1.0, 2.0, 3.0>} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}

// -----

func.func @scale_types(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{cannot scale 'f32' into 'i8'}}
  %0 = snn.scale %x {factor = 2.0} : tensor<4x4xf32> -> tensor<4x4xi8>
  return
}

// -----

func.func @scale_offsets(%x: tensor<4x4x3xf32>, %i: index) {
  // expected-error @+1 {{expects 2 'at' offsets and 'layer_shape' values (one per per-step dimension)}}
  %0 = snn.scale %x at(%i) {factor = 2.0, layer_shape = array<i64: 4, 3>} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}

// -----

func.func @scale_layer_shape(%x: tensor<4x4x3xf32>, %i: index) {
  // expected-error @+1 {{expects 'at' offsets and 'layer_shape' together}}
  %0 = snn.scale %x at(%i, %i) {factor = 2.0} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}

// -----

func.func @scale_tile_larger(%x: tensor<4x4x3xf32>, %i: index) {
  // expected-error @+1 {{tile of per-step shape larger than its 'layer_shape'}}
  %0 = snn.scale %x at(%i, %i) {factor = 2.0, layer_shape = array<i64: 4, 2>} : tensor<4x4x3xf32> -> tensor<4x4x3xf32>
  return
}

// -----

func.func @delay_steps(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects a non-negative number of steps, got -1}}
  %0 = snn.delay %x {steps = -1 : i64} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @delay_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects the result element type to equal the input's}}
  %0 = snn.delay %x {steps = 1 : i64} : (tensor<4x4xf32>) -> tensor<4x4xf64>
  return
}

// -----

func.func @delay_history(%x: tensor<4x4xf32>, %h: tensor<1x4xf32>) {
  // expected-error @+1 {{expects the history to be of type 'tensor<2x4xf32>'}}
  %0:2 = snn.delay %x init(%h) {steps = 2 : i64} : (tensor<4x4xf32>, tensor<1x4xf32>) -> (tensor<4x4xf32>, tensor<1x4xf32>)
  return
}

// -----

func.func @delay_final(%x: tensor<4x4xf32>, %h: tensor<2x4xf32>) {
  // expected-error @+1 {{expects at most one 'init' history and one final history per 'init'}}
  %0 = snn.delay %x init(%h) {steps = 2 : i64} : (tensor<4x4xf32>, tensor<2x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @threshold_result(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects an i1 spike result, got 'f32'}}
  %0 = snn.threshold %x {threshold = 1.0} : tensor<4x4xf32> -> tensor<4x4xf32>
  return
}

// -----

func.func @threshold_finite(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'threshold' must be finite}}
  %0 = snn.threshold %x {threshold = 0x7FF0000000000000 : f64} : tensor<4x4xf32> -> tensor<4x4xi1>
  return
}

// -----

func.func @relu_shift(%x: tensor<4x4xi16>) {
  // expected-error @+1 {{expects a shift in [0, 62], got 63}}
  %0 = snn.relu %x {shift = 63 : i64} : tensor<4x4xi16> -> tensor<4x4xi4>
  return
}

// -----

func.func @relu_float_shift(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{a float relu takes no shift}}
  %0 = snn.relu %x {shift = 1 : i64} : tensor<4x4xf32> -> tensor<4x4xf32>
  return
}

// -----

func.func @relu_types(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects integer to (multi-bit) integer or float to the same float, got 'f32' to 'i4'}}
  %0 = snn.relu %x : tensor<4x4xf32> -> tensor<4x4xi4>
  return
}

// -----

func.func @lif_state_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'state_type' must be f32, f64 or a signless integer of 2 to 32 bits}}
  %0 = snn.lif %x {threshold = 1.0, state_type = i64} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_dt(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'dt' must be positive and finite}}
  %0 = snn.lif %x {tau = 1.0, dt = 0.0, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_beta_and_tau(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects either 'beta' or 'tau' (with 'dt'), not both}}
  %0 = snn.lif %x {beta = 0.5, tau = 1.0, dt = 0.1, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_tau_without_dt(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'tau' requires 'dt'}}
  %0 = snn.lif %x {tau = 1.0, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_tau_positive(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'tau' must be positive, got -1}}
  %0 = snn.lif %x {tau = -1.0, dt = 0.1, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_beta_range(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{decay 'beta' must be in [0, 1], got 1.5}}
  %0 = snn.lif %x {beta = 1.5, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_dt_larger_than_tau(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{decay 'beta' must be in [0, 1], got -1}}
  %0 = snn.lif %x {tau = 1.0, dt = 2.0, threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_threshold(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'threshold' must be positive, got 0}}
  %0 = snn.lif %x {threshold = 0.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_v_reset(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'v_reset' is only used with reset = to_value}}
  %0 = snn.lif %x {threshold = 1.0, v_reset = 0.5, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_param_count(%x: tensor<4x3x2xf32>) {
  // expected-error @+1 {{'beta' has 2 values; expected 1, 3 (one per channel) or 6 (one per neuron)}}
  %0 = snn.lif %x {beta = array<f64: 0.5, 0.5>, threshold = 1.0, state_type = f32} : (tensor<4x3x2xf32>) -> tensor<4x3x2xi1>
  return
}

// -----

func.func @lif_integer_threshold(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'threshold' must be an integer representable in 'i12' for integer state, got 1.5}}
  %0 = snn.lif %x {threshold = 1.5, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_integer_range(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'v_init' must be an integer representable in 'i4' for integer state, got 8}}
  %0 = snn.lif %x {threshold = 1.0, v_init = 8.0, state_type = i4} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_gain_range(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'gain' must be below 16384 in magnitude, got 40000}}
  %0 = snn.lif %x {threshold = 1.0, gain = 40000.0, state_type = i16} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_bias_integer(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'bias' must be an integer representable in 'i12' for integer state, got 0.5}}
  %0 = snn.lif %x {threshold = 1.0, bias = 0.5, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_bias_range(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'bias' must be an integer representable in 'i8' for integer state, got 128}}
  %0 = snn.lif %x {threshold = 1.0, bias = array<f64: 0.0, 1.0, -128.0, 128.0>, state_type = i8} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_bias_count(%x: tensor<4x3x2xf32>) {
  // expected-error @+1 {{'bias' has 2 values; expected 1, 3 (one per channel) or 6 (one per neuron)}}
  %0 = snn.li %x {bias = array<f64: 0.5, 0.5>, state_type = f32} : (tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  return
}

// -----

func.func @lif_bias_finite(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'bias' must be finite}}
  %0 = snn.lif %x {threshold = 1.0, bias = 0x7FF0000000000000 : f64, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_rounding_float(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'rounding' applies to integer state only, not 'f32'}}
  %0 = snn.lif %x {threshold = 1.0, rounding = #snn.rounding<toward_zero>, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_default_rounding_float(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'rounding' applies to integer state only, not 'f32'}}
  %0 = snn.li %x {rounding = #snn.rounding<floor>, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @lif_overflow_float(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'overflow' applies to integer state only, not 'f64'}}
  %0 = snn.lif %x {threshold = 1.0, overflow = #snn.overflow<wrap>, state_type = f64} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @cuba_syn_rounding_float(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'syn_rounding' applies to integer state only, not 'f32'}}
  %0 = snn.cuba_lif %x {threshold = 1.0, syn_rounding = #snn.rounding<nearest_even>, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @cuba_syn_overflow_float(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'syn_overflow' applies to integer state only, not 'f32'}}
  %0 = snn.cuba_li %x {syn_overflow = #snn.overflow<saturate>, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @lif_syn_rounding_not_current(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'syn_rounding' needs a synaptic current (snn.cuba_lif, snn.cuba_li)}}
  %0 = snn.lif %x {threshold = 1.0, syn_rounding = #snn.rounding<toward_zero>, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_rounding_unknown(%x: tensor<4x4xi8>) {
  // expected-error @+2 {{expected ::mlir::snn::Rounding to be one of: floor, toward_zero, nearest_even}}
  // expected-error @+1 {{failed to parse SNN_RoundingAttr parameter 'value'}}
  %0 = snn.lif %x {threshold = 1.0, rounding = #snn.rounding<up>, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_overflow_kind(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{attribute 'overflow' failed to satisfy constraint}}
  %0 = snn.lif %x {threshold = 1.0, overflow = #snn.rounding<floor>, state_type = i12} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_result_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects result element type 'i1' (spikes), got 'f32'}}
  %0 = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @li_result_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects result element type 'f32' (the state type), got 'i1'}}
  %0 = snn.li %x {state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_result_shape(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects result of shape [4, 4], got [4, 5]}}
  %0 = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x5xi1>
  return
}

// -----

func.func @lif_int_state_float_input(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{integer state 'i12' requires an integer input, got 'f32'}}
  %0 = snn.lif %x {threshold = 1.0, state_type = i12} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @li_recurrent(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) {
  // expected-error @+1 {{recurrent connections need a spiking neuron}}
  %0 = snn.li %x recurrent(%w) {state_type = f32} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @lif_recurrent_rank(%x: tensor<4x2x2xf32>, %w: tensor<4x4xf32>) {
  // expected-error @+1 {{recurrent weights need a 2-D input tensor<T x N>}}
  %0 = snn.lif %x recurrent(%w) {threshold = 1.0, state_type = f32} : (tensor<4x2x2xf32>, tensor<4x4xf32>) -> tensor<4x2x2xi1>
  return
}

// -----

func.func @lif_recurrent_shape(%x: tensor<4x4xf32>, %w: tensor<4x3xf32>) {
  // expected-error @+1 {{expects recurrent weight of shape [4, 4], got [4, 3]}}
  %0 = snn.lif %x recurrent(%w) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x3xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_recurrent_type(%x: tensor<4x4xf32>, %w: tensor<4x4xi8>) {
  // expected-error @+1 {{recurrent weight element type 'i8' does not match the state type 'f32'}}
  %0 = snn.lif %x recurrent(%w) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_recurrent_bias_shape(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{expects recurrent bias of shape [4], got [3]}}
  %0 = snn.lif %x recurrent(%w, %b) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<3xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_recurrent_bias_type(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %b: tensor<4xf64>) {
  // expected-error @+1 {{expects the recurrent bias to have the recurrent weight's element type}}
  %0 = snn.lif %x recurrent(%w, %b) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf64>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_init_count(%x: tensor<4x4xf32>, %v: tensor<4xf32>, %s: tensor<4xi1>) {
  // expected-error @+1 {{expects 0 or 1 'init' values (membrane), got 2}}
  %0:3 = snn.lif %x init(%v, %s) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4xf32>, tensor<4xi1>) -> (tensor<4x4xi1>, tensor<4xf32>, tensor<4xi1>)
  return
}

// -----

func.func @lif_final_count(%x: tensor<4x4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{expects one final-state result per 'init' value, got 0 for 1}}
  %0 = snn.lif %x init(%v) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_init_type(%x: tensor<4x4xf32>, %v: tensor<4xf64>) {
  // expected-error @+1 {{expects state component #0 of type 'tensor<4xf32>'}}
  %0:2 = snn.lif %x init(%v) {threshold = 1.0, state_type = f32} : (tensor<4x4xf32>, tensor<4xf64>) -> (tensor<4x4xi1>, tensor<4xf64>)
  return
}

// -----

func.func @cuba_syn_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'syn_type' must be f32, f64 or a signless integer of 2 to 32 bits}}
  %0 = snn.cuba_lif %x {threshold = 1.0, state_type = f32, syn_type = i1} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @cuba_mixed_types(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'syn_type' and 'state_type' must both be integers or both floats}}
  %0 = snn.cuba_lif %x {threshold = 1.0, state_type = f32, syn_type = i16} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_offsets(%x: tensor<4x4xf32>, %i: index) {
  // expected-error @+1 {{expects 1 'at' offsets and 'layer_shape' values (one per per-step dimension)}}
  %0 = snn.lif %x at(%i, %i) {threshold = 1.0, state_type = f32, layer_shape = array<i64: 8>} : (tensor<4x4xf32>, index, index) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_tile_params(%x: tensor<4x4xf32>, %i: index) {
  // expected-error @+1 {{'beta' has 4 values; expected 1, 8 (one per channel) or 8 (one per neuron)}}
  %0 = snn.lif %x at(%i) {beta = array<f64: 0.5, 0.5, 0.5, 0.5>, threshold = 1.0, state_type = f32, layer_shape = array<i64: 8>} : (tensor<4x4xf32>, index) -> tensor<4x4xi1>
  return
}

// -----

func.func @group_args(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects one block argument per operand, got 0 for 1}}
  %0 = snn.group(%x) {schedule = #snn.schedule<group = 0>} : (tensor<4x4xf32>) -> tensor<4x4xf32> {
    %c = arith.constant dense<0.0> : tensor<4x4xf32>
    snn.yield %c : tensor<4x4xf32>
  }
  return
}

// -----

func.func @group_arg_type(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{block argument type 'tensor<4x4xf64>' differs from its operand's 'tensor<4x4xf32>'}}
  %0 = snn.group(%x) {schedule = #snn.schedule<group = 0>} : (tensor<4x4xf32>) -> tensor<4x4xf32> {
  ^bb0(%a: tensor<4x4xf64>):
    %c = arith.constant dense<0.0> : tensor<4x4xf32>
    snn.yield %c : tensor<4x4xf32>
  }
  return
}

// -----

func.func @group_yield(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{yields 1 values whose types differ from the results}}
  %0 = snn.group(%x) {schedule = #snn.schedule<group = 0>} : (tensor<4x4xf32>) -> tensor<4x4xi1> {
  ^bb0(%a: tensor<4x4xf32>):
    snn.yield %a : tensor<4x4xf32>
  }
  return
}

// -----

func.func @cycle_without_delay(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{has a loop without an 'snn.delay' of at least one step}}
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    %s = snn.add %x, %t : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    // expected-note @+1 {{'snn.scale' is on that loop}}
    %t = snn.scale %s {factor = 0.5} : tensor<4x4xf32> -> tensor<4x4xf32>
    %u = snn.scale %t {factor = 2.0} : tensor<4x4xf32> -> tensor<4x4xf32>
    snn.yield %u : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_zero_delay(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{has a loop without an 'snn.delay' of at least one step}}
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    // expected-note @+1 {{'snn.add' is on that loop}}
    %s = snn.add %x, %d : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    %d = snn.delay %s {steps = 0} : (tensor<4x4xf32>) -> tensor<4x4xf32>
    snn.yield %s : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_member_scheduled(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    %d = snn.delay %s {steps = 1} : (tensor<4x4xf32>) -> tensor<4x4xf32>
    // expected-error @+1 {{in an 'snn.cycle' cannot have a schedule: a cycle is computed one time step at a time}}
    %s = snn.add %x, %d {schedule = #snn.schedule<group = 0>} : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    snn.yield %s : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_member_explicit_state(%x: tensor<4x4xf32>, %h: tensor<1x4xf32>) -> tensor<4x4xf32> {
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    // expected-error @+1 {{in an 'snn.cycle' cannot have explicit state}}
    %d, %f = snn.delay %s init(%h) {steps = 1} : (tensor<4x4xf32>, tensor<1x4xf32>) -> (tensor<4x4xf32>, tensor<1x4xf32>)
    %s = snn.add %x, %d : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    snn.yield %s : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_member_not_a_layer(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    // expected-error @+1 {{cannot be a member of an 'snn.cycle': its body holds layer ops (and constants) only}}
    %e = tensor.empty() : tensor<4x4xf32>
    snn.yield %e : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_steps(%x: tensor<4x4xf32>, %y: tensor<5x4xf32>) -> tensor<4x4xf32> {
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    %d = snn.delay %s {steps = 1} : (tensor<4x4xf32>) -> tensor<4x4xf32>
    %s = snn.add %x, %d : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    // expected-error @+1 {{has 5 time steps, other members of its cycle have 4}}
    %t = snn.scale %y {factor = 2.0} : tensor<5x4xf32> -> tensor<5x4xf32>
    snn.yield %s : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

// A malformed member is its own error; the cycle's checks come after its
// members' (they once read the member's missing result).
func.func @cycle_member_malformed(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = snn.cycle -> (tensor<4x4xf32>) {
    // expected-error @+1 {{'snn.scale' op requires one result}}
    "snn.scale"(%x) {factor = 1.0 : f64} : (tensor<4x4xf32>) -> ()
    snn.yield %x : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xf32>
}

// -----

func.func @cycle_yield(%x: tensor<4x4xf32>) -> tensor<4x4xi1> {
  // expected-error @+1 {{yields 1 values whose types differ from the results}}
  %0 = snn.cycle -> (tensor<4x4xi1>) {
    %d = snn.delay %s {steps = 1} : (tensor<4x4xf32>) -> tensor<4x4xf32>
    %s = snn.add %x, %d : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
    snn.yield %s : tensor<4x4xf32>
  }
  return %0 : tensor<4x4xi1>
}

// -----

// expected-error @+1 {{schedule group must be -1 (none) or non-negative, got -2}}
func.func private @bad_group() attributes {s = #snn.schedule<group = -2>}

// -----

// expected-error @+1 {{schedule time_tile must be 0 (all steps) or positive, got -1}}
func.func private @bad_time_tile() attributes {s = #snn.schedule<time_tile = -1>}

// -----

// expected-error @+1 {{schedule tile_size must be positive exactly when tile_axis is not none}}
func.func private @bad_tile() attributes {s = #snn.schedule<tile_axis = cols>}

// -----

// expected-error @+1 {{schedule tile_size must be non-negative, got -4}}
func.func private @bad_tile_size() attributes {s = #snn.schedule<tile_axis = cols, tile_size = -4>}

// -----

// expected-error @+1 {{memory level needs a name}}
func.func private @level_name() attributes {l = #snn.level<name = "", kind = sram, serves = "W">}

// -----

// expected-error @+1 {{memory level 'gb' serves no operand}}
func.func private @level_serves() attributes {l = #snn.level<name = "gb", kind = sram, serves = "">}

// -----

// expected-error @+1 {{memory level 'gb' serves unknown operand 'X' (expected letters of "WIOV")}}
func.func private @level_operand() attributes {l = #snn.level<name = "gb", kind = sram, serves = "WX">}

// -----

// expected-error @+1 {{memory level 'gb' has negative bytes -1}}
func.func private @level_bytes() attributes {l = #snn.level<name = "gb", kind = sram, serves = "W", bytes = -1>}

// -----

// expected-error @+1 {{memory level 'gb' has negative bandwidth -8}}
func.func private @level_bw() attributes {l = #snn.level<name = "gb", kind = sram, serves = "W", bw = -8>}

// -----

// expected-error @+1 {{memory level 'gb' needs finite, non-negative read/write energies}}
func.func private @level_energy() attributes {l = #snn.level<name = "gb", kind = sram, serves = "W", read_pj = -1.0>}

// -----

// expected-error @+1 {{hardware 'h' needs a positive mac_units}}
func.func private @hw_units() attributes {h = #snn.hardware<name = "h", mac_units = 0, mac_array = [1, 1, 1, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = []>}

// -----

// expected-error @+1 {{hardware 'h' needs mac_array = [K, C, OY, OX] with positive values}}
func.func private @hw_array() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [2, 2], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = []>}

// -----

// expected-error @+1 {{hardware 'h' needs finite, non-negative compute energies}}
func.func private @hw_energy() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [1, 1, 2, 2], pj_per_op = -0.1, pj_per_op_multibit = 0.1, levels = []>}

// -----

// expected-error @+1 {{hardware 'h' has no memory levels}}
func.func private @hw_levels() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [1, 1, 2, 2], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = []>}

// -----

// expected-error @+1 {{hardware 'h': the outermost memory level must be dram}}
func.func private @hw_dram() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [1, 1, 2, 2], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = [#snn.level<name = "gb", kind = sram, serves = "WIOV">]>}

// -----

// expected-error @+1 {{hardware 'h': operand 'V' is served by no on-chip buffer}}
func.func private @hw_operand() attributes {h = #snn.hardware<name = "h", mac_units = 4, mac_array = [1, 1, 2, 2], pj_per_op = 0.1, pj_per_op_multibit = 0.1, levels = [#snn.level<name = "gb", kind = sram, serves = "WIO">, #snn.level<name = "dram", kind = dram, serves = "WIOV">]>}

// -----

func.func @activity_range(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16> {
  // expected-error @+1 {{activity must be a fraction in [0, 1], got 1.5}}
  %0 = snn.conv2d %x, %w {activity = 1.5 : f64} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16>
  return %0 : tensor<4x4x6x6xi16>
}

// -----

func.func @lif_refractory_zero(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'refractory' must be between 1 and 2147483647 steps, got 0}}
  %0 = snn.lif %x {threshold = 1.0, refractory = 0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_refractory_too_long(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'refractory' must be between 1 and 2147483647 steps, got 4294967296}}
  %0 = snn.lif %x {threshold = 1.0, refractory = 4294967296, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @li_refractory(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{has no attribute 'refractory'}}
  %0 = snn.li %x {refractory = 2, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @lif_refractory_counter_type(%x: tensor<4x4xf32>, %v: tensor<4xf32>, %c: tensor<4xi32>) {
  // expected-error @+1 {{expects state component #1 of type 'tensor<4xi8>'}}
  %0:3 = snn.lif %x init(%v, %c) {threshold = 1.0, refractory = 3, state_type = f32} : (tensor<4x4xf32>, tensor<4xf32>, tensor<4xi32>) -> (tensor<4x4xi1>, tensor<4xf32>, tensor<4xi32>)
  return
}

// -----

func.func @lif_refractory_init_count(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{expects 0 or 4 'init' values (membrane, threshold adaptation, refractory counter, previous spikes), got 1}}
  %0:2 = snn.lif %x recurrent(%w) init(%v) {threshold = 1.0, refractory = 3, adapt = 0.5, state_type = f32} : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> (tensor<4x4xi1>, tensor<4xf32>)
  return
}

// -----

func.func @lif_adapt_negative(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'adapt' must not be negative, got -0.5}}
  %0 = snn.lif %x {threshold = 1.0, adapt = -0.5, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_decay_alone(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'adapt_decay' needs 'adapt'}}
  %0 = snn.lif %x {threshold = 1.0, adapt_decay = 0.5, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_decay_range(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{decay 'adapt_decay' must be in [0, 1], got 1.5}}
  %0 = snn.lif %x {threshold = 1.0, adapt = 0.5, adapt_decay = 1.5, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_both_decays(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{expects either 'adapt_decay' or 'tau_adapt' (with 'dt'), not both}}
  %0 = snn.lif %x {threshold = 1.0, adapt = 0.5, adapt_decay = 0.5, tau_adapt = 2.0, dt = 1.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_tau_adapt_no_dt(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'tau_adapt' requires 'dt'}}
  %0 = snn.lif %x {threshold = 1.0, adapt = 0.5, tau_adapt = 2.0, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_next_reset(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{an adaptive threshold needs reset_timing = same}}
  %0 = snn.lif %x {threshold = 1.0, adapt = 0.5, reset_timing = #snn.reset_timing<next>, state_type = f32} : (tensor<4x4xf32>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_fraction_int(%x: tensor<4x4xi8>) {
  // expected-error @+1 {{'adapt' must be an integer representable in 'i8' for integer state, got 2.5}}
  %0 = snn.cuba_lif %x {threshold = 10.0, adapt = 2.5, state_type = i8} : (tensor<4x4xi8>) -> tensor<4x4xi1>
  return
}

// -----

func.func @lif_adapt_per_channel_count(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{'adapt' has 2 values; expected 1, 3 (one per channel) or 3 (one per neuron)}}
  %0 = snn.lif %x {threshold = 1.0, adapt = array<f64: 0.5, 0.5>, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return
}
