// Round trip of every op and attribute form: parse, print, parse again, and
// the same through the generic form.
// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s --mlir-print-op-generic | snn-opt | FileCheck %s

// CHECK-LABEL: func.func @synapses
func.func @synapses(%x: tensor<4x2x8x8xi1>, %w: tensor<16x2x3x3xi8>, %b: tensor<16xi16>,
                    %wf: tensor<4x1x3x3xf32>, %xf: tensor<4x4x9x9xf32>,
                    %d: tensor<4x128xi1>, %wd: tensor<10x128xf32>, %bd: tensor<10xf32>) {
  // CHECK: snn.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 1, 1>} : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>, tensor<16xi16>) -> tensor<4x16x8x8xi16>
  %0 = snn.conv2d %x, %w, %b {padding = array<i64: 1, 1>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>, tensor<16xi16>) -> tensor<4x16x8x8xi16>
  // CHECK: snn.conv2d %{{.*}}, %{{.*}} {dilation = array<i64: 2, 2>, stride = array<i64: 2, 1>} : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x2x4xi32>
  %1 = snn.conv2d %x, %w {stride = array<i64: 2, 1>, dilation = array<i64: 2, 2>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x2x4xi32>
  // CHECK: snn.conv2d %{{.*}}, %{{.*}} {groups = 4 : i64} : (tensor<4x4x9x9xf32>, tensor<4x1x3x3xf32>) -> tensor<4x4x7x7xf32>
  %2 = snn.conv2d %xf, %wf {groups = 4 : i64}
      : (tensor<4x4x9x9xf32>, tensor<4x1x3x3xf32>) -> tensor<4x4x7x7xf32>
  // CHECK: snn.dense %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x128xi1>, tensor<10x128xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %3 = snn.dense %d, %wd, %bd : (tensor<4x128xi1>, tensor<10x128xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  // CHECK: snn.dense %{{.*}}, %{{.*}} : (tensor<4x128xi1>, tensor<10x128xf32>) -> tensor<4x10xf32>
  %4 = snn.dense %d, %wd : (tensor<4x128xi1>, tensor<10x128xf32>) -> tensor<4x10xf32>
  // CHECK: snn.dense %{{.*}}, %{{.*}} {activity = 2.500000e-02 : f64, form = #snn.synapse_form<event>} : (tensor<4x128xi1>, tensor<10x128xf32>) -> tensor<4x10xf32>
  %e = snn.dense %d, %wd {form = #snn.synapse_form<event>, activity = 0.025 : f64} : (tensor<4x128xi1>, tensor<10x128xf32>) -> tensor<4x10xf32>
  // CHECK: snn.add %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi16>
  %5 = snn.add %0, %0, %0 : tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16>, tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi16>
  // CHECK: snn.add %{{.*}}, %{{.*}} {mode = #snn.add_mode<or>} : tensor<4x2x8x8xi1>, tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi1>
  %6 = snn.add %x, %x {mode = #snn.add_mode<or>} : tensor<4x2x8x8xi1>, tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi1>
  // CHECK: snn.add %{{.*}}, %{{.*}} : tensor<4x10xf32>, tensor<4x10xf32> -> tensor<4x10xf32>
  %7 = snn.add %3, %4 : tensor<4x10xf32>, tensor<4x10xf32> -> tensor<4x10xf32>
  // CHECK: snn.maxpool2d %{{.*}} {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x4x4xi1>
  %8 = snn.maxpool2d %x {kernel = array<i64: 2, 2>} : tensor<4x2x8x8xi1> -> tensor<4x2x4x4xi1>
  // CHECK: snn.sumpool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>} : tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi8>
  %9 = snn.sumpool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 1, 1>}
      : tensor<4x2x8x8xi1> -> tensor<4x2x8x8xi8>
  // CHECK: snn.avgpool2d %{{.*}} {kernel = array<i64: 3, 3>} : tensor<4x4x9x9xf32> -> tensor<4x4x3x3xf32>
  %10 = snn.avgpool2d %xf {kernel = array<i64: 3, 3>} : tensor<4x4x9x9xf32> -> tensor<4x4x3x3xf32>
  // CHECK: snn.flatten %{{.*}} : tensor<4x2x8x8xi1> -> tensor<4x128xi1>
  %11 = snn.flatten %x : tensor<4x2x8x8xi1> -> tensor<4x128xi1>
  // CHECK: snn.flatten %{{.*}} {end_dim = 2 : i64, start_dim = 1 : i64} : tensor<4x2x8x8xi1> -> tensor<4x2x64xi1>
  %12 = snn.flatten %x {start_dim = 1 : i64, end_dim = 2 : i64} : tensor<4x2x8x8xi1> -> tensor<4x2x64xi1>
  // CHECK: snn.reshape %{{.*}} : tensor<4x128xi1> -> tensor<4x2x1x64xi1>
  %13 = snn.reshape %d : tensor<4x128xi1> -> tensor<4x2x1x64xi1>
  // CHECK: snn.scale %{{.*}} {factor = array<f64: 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00>} : tensor<4x4x9x9xf32> -> tensor<4x4x9x9xf32>
  %14 = snn.scale %xf {factor = array<f64: 1.0, 2.0, 3.0, 4.0>} : tensor<4x4x9x9xf32> -> tensor<4x4x9x9xf32>
  // CHECK: snn.delay %{{.*}} {steps = 2 : i64} : (tensor<4x128xi1>) -> tensor<4x128xi1>
  %15 = snn.delay %d {steps = 2 : i64} : (tensor<4x128xi1>) -> tensor<4x128xi1>
  // CHECK: snn.delay %{{.*}} init(%{{.*}}) {steps = 2 : i64} : (tensor<4x128xi1>, tensor<2x128xi1>) -> (tensor<4x128xi1>, tensor<2x128xi1>)
  %h = tensor.empty() : tensor<2x128xi1>
  %16:2 = snn.delay %d init(%h) {steps = 2 : i64} : (tensor<4x128xi1>, tensor<2x128xi1>) -> (tensor<4x128xi1>, tensor<2x128xi1>)
  return
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<4x16x8x8xi16>, %f: tensor<4x10xf32>, %i: index) {
  // CHECK: snn.threshold %{{.*}} {threshold = 3.000000e+00 : f64} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi1>
  %0 = snn.threshold %x {threshold = 3.0} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi1>
  // CHECK: snn.threshold %{{.*}} at(%{{.*}}, %{{.*}}) {compare = #snn.compare<ge>, layer_shape = array<i64: 4, 3>, threshold = array<f64: 5.000000e-01, 1.000000e+00, 1.500000e+00, 2.000000e+00>} : tensor<4x2x3xf32> -> tensor<4x2x3xi1>
  %t = tensor.empty() : tensor<4x2x3xf32>
  %1 = snn.threshold %t at(%i, %i) {threshold = array<f64: 0.5, 1.0, 1.5, 2.0>, compare = #snn.compare<ge>, layer_shape = array<i64: 4, 3>} : tensor<4x2x3xf32> -> tensor<4x2x3xi1>
  // CHECK: snn.relu %{{.*}} {shift = 4 : i64} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi4>
  %2 = snn.relu %x {shift = 4 : i64} : tensor<4x16x8x8xi16> -> tensor<4x16x8x8xi4>
  // CHECK: snn.relu %{{.*}} : tensor<4x10xf32> -> tensor<4x10xf32>
  %3 = snn.relu %f : tensor<4x10xf32> -> tensor<4x10xf32>
  return
}

// CHECK-LABEL: func.func @neurons
func.func @neurons(%x: tensor<10x4xf32>, %xi: tensor<10x2x3x3xi16>, %w: tensor<4x4xf32>,
                   %bias: tensor<4xf32>, %v: tensor<4xf32>, %s: tensor<4xi1>, %i: index) {
  // CHECK: snn.lif %{{.*}} {beta = 9.000000e-01 : f64, state_type = f32, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %0 = snn.lif %x {beta = 0.9, threshold = 1.0, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} {compare = #snn.compare<ge>, dt = 1.000000e-03 : f64, gain = 2.000000e+00 : f64, reset = #snn.reset<to_value>, reset_timing = #snn.reset_timing<next>, state_type = f32, tau = 2.000000e-02 : f64, threshold = 1.000000e+00 : f64, v_init = 2.500000e-01 : f64, v_leak = -1.000000e-01 : f64, v_reset = -5.000000e-01 : f64}
  %1 = snn.lif %x {tau = 0.02, dt = 0.001, gain = 2.0, v_leak = -0.1, v_init = 0.25,
                   threshold = 1.0, compare = #snn.compare<ge>, reset = #snn.reset<to_value>,
                   v_reset = -0.5, reset_timing = #snn.reset_timing<next>, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} {beta = array<f64: 5.000000e-01, 7.500000e-01>, reset = #snn.reset<zero>, state_type = i12, threshold = 4.000000e+00 : f64} : (tensor<10x2x3x3xi16>) -> tensor<10x2x3x3xi1>
  %2 = snn.lif %xi {beta = array<f64: 0.5, 0.75>, threshold = 4.0, reset = #snn.reset<zero>, state_type = i12}
      : (tensor<10x2x3x3xi16>) -> tensor<10x2x3x3xi1>
  // CHECK: snn.lif %{{.*}} {reset = #snn.reset<none>, state_type = f32, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %3 = snn.lif %x {threshold = 1.0, reset = #snn.reset<none>, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} recurrent(%{{.*}}, %{{.*}}) {state_type = f32, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<10x4xi1>
  %4 = snn.lif %x recurrent(%w, %bias) {threshold = 1.0, state_type = f32}
      : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} recurrent(%{{.*}}) init(%{{.*}}, %{{.*}}) at(%{{.*}}) {layer_shape = array<i64: 4>, state_type = f32, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xi1>, index) -> (tensor<10x4xi1>, tensor<4xf32>, tensor<4xi1>)
  %5:3 = snn.lif %x recurrent(%w) init(%v, %s) at(%i) {threshold = 1.0, state_type = f32, layer_shape = array<i64: 4>}
      : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xi1>, index) -> (tensor<10x4xi1>, tensor<4xf32>, tensor<4xi1>)
  // CHECK: snn.cuba_lif %{{.*}} {alpha = 8.000000e-01 : f64, beta = 9.000000e-01 : f64, i_init = 1.000000e+00 : f64, state_type = f32, syn_gain = 5.000000e-01 : f64, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>) -> tensor<10x4xi1>
  %6 = snn.cuba_lif %x {alpha = 0.8, syn_gain = 0.5, i_init = 1.0, beta = 0.9, threshold = 1.0, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.cuba_lif %{{.*}} init(%{{.*}}, %{{.*}}) {dt = 1.000000e-04 : f64, state_type = i16, syn_type = i12, tau = 1.000000e-03 : f64, tau_syn = 5.000000e-04 : f64, threshold = 8.000000e+00 : f64} : (tensor<10x2x3x3xi16>, tensor<2x3x3xi12>, tensor<2x3x3xi16>) -> (tensor<10x2x3x3xi1>, tensor<2x3x3xi12>, tensor<2x3x3xi16>)
  %ci = tensor.empty() : tensor<2x3x3xi12>
  %cv = tensor.empty() : tensor<2x3x3xi16>
  %7:3 = snn.cuba_lif %xi init(%ci, %cv) {tau_syn = 0.0005, tau = 0.001, dt = 0.0001, threshold = 8.0, state_type = i16, syn_type = i12}
      : (tensor<10x2x3x3xi16>, tensor<2x3x3xi12>, tensor<2x3x3xi16>) -> (tensor<10x2x3x3xi1>, tensor<2x3x3xi12>, tensor<2x3x3xi16>)
  // CHECK: snn.li %{{.*}} {beta = 7.500000e-01 : f64, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  %8 = snn.li %x {beta = 0.75, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  // CHECK: snn.li %{{.*}} init(%{{.*}}) {state_type = f32} : (tensor<10x4xf32>, tensor<4xf32>) -> (tensor<10x4xf32>, tensor<4xf32>)
  %9:2 = snn.li %x init(%v) {state_type = f32} : (tensor<10x4xf32>, tensor<4xf32>) -> (tensor<10x4xf32>, tensor<4xf32>)
  // CHECK: snn.cuba_li %{{.*}} {alpha = 5.000000e-01 : f64, beta = 5.000000e-01 : f64, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  %10 = snn.cuba_li %x {alpha = 0.5, beta = 0.5, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  return
}

// Integer arithmetic modes and the bias (Lava's fixed-point LIF); defaults
// are not printed because they are not stored.
// CHECK-LABEL: func.func @neuron_arithmetic
func.func @neuron_arithmetic(%x: tensor<10x4xf32>, %xi: tensor<10x2x3x3xi16>, %xd: tensor<10x4xi16>) {
  // CHECK: snn.cuba_lif %{{.*}} {alpha = 0.000000e+00 : f64, beta = 0.960205078125 : f64, bias = 3.000000e+00 : f64, overflow = #snn.overflow<saturate_symmetric>, reset = #snn.reset<zero>, rounding = #snn.rounding<toward_zero>, state_type = i24, syn_gain = 6.400000e+01 : f64, syn_overflow = #snn.overflow<wrap>, syn_rounding = #snn.rounding<toward_zero>, threshold = 1.600000e+03 : f64} : (tensor<10x4xi16>) -> tensor<10x4xi1>
  %0 = snn.cuba_lif %xd {alpha = 0.0, beta = 0.960205078125, syn_gain = 64.0, bias = 3.0, threshold = 1600.0,
                         reset = #snn.reset<zero>, state_type = i24,
                         rounding = #snn.rounding<toward_zero>, overflow = #snn.overflow<saturate_symmetric>,
                         syn_rounding = #snn.rounding<toward_zero>, syn_overflow = #snn.overflow<wrap>}
      : (tensor<10x4xi16>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} {beta = 5.000000e-01 : f64, bias = array<f64: -1.000000e+00, 2.000000e+00>, overflow = #snn.overflow<wrap>, rounding = #snn.rounding<nearest_even>, state_type = i8, threshold = 4.000000e+00 : f64}
  %1 = snn.lif %xi {beta = 0.5, bias = array<f64: -1.0, 2.0>, threshold = 4.0, state_type = i8,
                    rounding = #snn.rounding<nearest_even>, overflow = #snn.overflow<wrap>}
      : (tensor<10x2x3x3xi16>) -> tensor<10x2x3x3xi1>
  // An explicit default is kept as written.
  // CHECK: snn.li %{{.*}} {overflow = #snn.overflow<saturate>, rounding = #snn.rounding<floor>, state_type = i12}
  %2 = snn.li %xd {rounding = #snn.rounding<floor>, overflow = #snn.overflow<saturate>, state_type = i12}
      : (tensor<10x4xi16>) -> tensor<10x4xi12>
  // Floats take a bias (added last), no modes.
  // CHECK: snn.cuba_li %{{.*}} {bias = -2.500000e-01 : f64, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  %3 = snn.cuba_li %x {bias = -0.25, state_type = f32} : (tensor<10x4xf32>) -> tensor<10x4xf32>
  return
}

// Refractory periods and adaptive thresholds, and their explicit state: the
// adaptation (state type) and the counter (i8 up to 127 steps) between the
// membrane and the previous spikes.
// CHECK-LABEL: func.func @refractory_adaptive
func.func @refractory_adaptive(%x: tensor<10x4xf32>, %w: tensor<4x4xf32>, %v: tensor<4xf32>,
                               %a: tensor<4xf32>, %c: tensor<4xi8>, %s: tensor<4xi1>) {
  // CHECK: snn.cuba_lif %{{.*}} {adapt = array<f64: 1.000000e+00, 2.000000e+00, 0.000000e+00, 5.000000e-01>, dt = 1.000000e+00 : f64, refractory = 2 : i64, state_type = f32, tau_adapt = 4.000000e+00 : f64, threshold = 1.000000e+00 : f64}
  %0 = snn.cuba_lif %x {threshold = 1.0, refractory = 2, adapt = array<f64: 1.0, 2.0, 0.0, 0.5>,
                        tau_adapt = 4.0, dt = 1.0, state_type = f32}
      : (tensor<10x4xf32>) -> tensor<10x4xi1>
  // CHECK: snn.lif %{{.*}} recurrent(%{{.*}}) init(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {adapt = 2.500000e-01 : f64, adapt_decay = 9.000000e-01 : f64, refractory = 5 : i64, state_type = f32, threshold = 1.000000e+00 : f64} : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi8>, tensor<4xi1>) -> (tensor<10x4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xi8>, tensor<4xi1>)
  %1:5 = snn.lif %x recurrent(%w) init(%v, %a, %c, %s) {threshold = 1.0, refractory = 5, adapt = 0.25,
                                                         adapt_decay = 0.9, state_type = f32}
      : (tensor<10x4xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi8>, tensor<4xi1>)
      -> (tensor<10x4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xi8>, tensor<4xi1>)
  return
}

// CHECK-LABEL: func.func @group
func.func @group(%x: tensor<4x2x8x8xi1>, %w: tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi1> {
  // CHECK: snn.group(%{{.*}}, %{{.*}}) {schedule = #snn.schedule<group = 3, time_tile = 1, tile_axis = rows, tile_size = 4, state = spill>} : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi1> {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<4x2x8x8xi1>, %{{.*}}: tensor<16x2x3x3xi8>):
  // CHECK: snn.yield %{{.*}} : tensor<4x16x8x8xi1>
  %0 = snn.group(%x, %w) {schedule = #snn.schedule<group = 3, time_tile = 1, tile_axis = rows, tile_size = 4, state = spill>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi1> {
  ^bb0(%a: tensor<4x2x8x8xi1>, %b: tensor<16x2x3x3xi8>):
    %c = snn.conv2d %a, %b {padding = array<i64: 1, 1>}
        : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi16>
    %s = snn.lif %c {threshold = 2.0, state_type = i12} : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
    snn.yield %s : tensor<4x16x8x8xi1>
  }
  return %0 : tensor<4x16x8x8xi1>
}

// A LIF fed back its own spikes through a dense layer, two steps later. The
// body is a graph region: the delay reads %z, defined after it.
// CHECK-LABEL: func.func @cycle
func.func @cycle(%x: tensor<6x4xf32>, %w: tensor<4x4xf32>) -> (tensor<6x4xi1>, tensor<6x4xf32>) {
  // CHECK: %[[C:.*]]:2 = snn.cycle -> (tensor<6x4xi1>, tensor<6x4xf32>) {
  // CHECK-NEXT: %[[D:.*]] = snn.delay %[[Z:.*]] {steps = 2 : i64}
  // CHECK-NEXT: %[[S:.*]] = snn.add %{{.*}}, %[[D]]
  // CHECK-NEXT: %[[V:.*]] = snn.lif %[[S]]
  // CHECK-NEXT: %[[Z]] = snn.dense %[[V]], %{{.*}}
  // CHECK-NEXT: snn.yield %[[V]], %[[Z]] : tensor<6x4xi1>, tensor<6x4xf32>
  // CHECK-NEXT: }
  // CHECK-NEXT: return %[[C]]#0, %[[C]]#1
  %0:2 = snn.cycle -> (tensor<6x4xi1>, tensor<6x4xf32>) {
    %d = snn.delay %z {steps = 2} : (tensor<6x4xf32>) -> tensor<6x4xf32>
    %s = snn.add %x, %d : tensor<6x4xf32>, tensor<6x4xf32> -> tensor<6x4xf32>
    %v = snn.lif %s {threshold = 1.0, state_type = f32} : (tensor<6x4xf32>) -> tensor<6x4xi1>
    %z = snn.dense %v, %w : (tensor<6x4xi1>, tensor<4x4xf32>) -> tensor<6x4xf32>
    snn.yield %v, %z : tensor<6x4xi1>, tensor<6x4xf32>
  }
  return %0#0, %0#1 : tensor<6x4xi1>, tensor<6x4xf32>
}

// CHECK-LABEL: func.func @scheduled
func.func @scheduled(%x: tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1> {
  // CHECK: schedule = #snn.schedule<group = 0>
  %0 = snn.lif %x {threshold = 2.0, state_type = i12, schedule = #snn.schedule<group = 0>}
      : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
  // CHECK: schedule = #snn.schedule<time_tile = 2, tile_axis = channels, tile_size = 8>
  %1 = snn.lif %x {threshold = 2.0, state_type = i12,
                   schedule = #snn.schedule<time_tile = 2, tile_axis = channels, tile_size = 8>}
      : (tensor<4x16x8x8xi16>) -> tensor<4x16x8x8xi1>
  return %1 : tensor<4x16x8x8xi1>
}

// CHECK-LABEL: module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024, mac_array = [32, 2, 16, 1], pj_per_op = 7.000000e-02, pj_per_op_multibit = 1.600000e-01, levels = [#snn.level<name = "rf", kind = register, serves = "WOV">, #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 1.300000e-01, write_pj = 1.750000e-01>, #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 1.093750e+01, write_pj = 11.71875>]>}
module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
}
