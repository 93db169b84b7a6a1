// RUN: snn-opt %s -split-input-file --snn-eliminate-state -verify-diagnostics | FileCheck %s
// RUN: snn-opt %s -split-input-file --snn-eliminate-state='provable=false narrow=false' 2>/dev/null | FileCheck %s --check-prefix=OFF

// Decay 0 and a reset in the same step: v = sat_i12(1 + 2x) each step.
// Stateless: 2x (in i32) against threshold - v_leak = 4.

// CHECK-LABEL: func.func @provable_int
// CHECK-NEXT:    %[[C:.*]] = snn.scale %arg0 {factor = 2.000000e+00 : f64} : tensor<6x4x3xi8> -> tensor<6x4x3xi32>
// CHECK-NEXT:    %[[S:.*]] = snn.threshold %[[C]] {threshold = 4.000000e+00 : f64} : tensor<6x4x3xi32> -> tensor<6x4x3xi1>
// CHECK-NEXT:    return %[[S]]
// OFF-LABEL:   func.func @provable_int
// OFF:           snn.lif %arg0 {{.*}}state_type = i12
// expected-remark @+1 {{neuron state: 144 -> 0 bits; 144 removed from 1 stateless neurons, 0 saved by 0 narrower state types}}
module {
func.func @provable_int(%x: tensor<6x4x3xi8>) -> tensor<6x4x3xi1> {
  // expected-remark @+1 {{provably stateless: 144 bits of state removed}}
  %s = snn.lif %x {beta = 0.0, gain = 2.0, v_leak = 1.0, threshold = 5.0, reset = #snn.reset<zero>, state_type = i12} : (tensor<6x4x3xi8>) -> tensor<6x4x3xi1>
  return %s : tensor<6x4x3xi1>
}
}

// -----

// Unit gain: the input itself against per-channel threshold - v_leak.

// CHECK-LABEL: func.func @unit_gain
// CHECK-NEXT:    %[[S:.*]] = snn.threshold %arg0 {compare = #snn.compare<ge>, threshold = array<f64: 5.000000e+00, 9.000000e+00>} : tensor<5x2x3xi8> -> tensor<5x2x3xi1>
// CHECK-NEXT:    return %[[S]]
// expected-remark @+1 {{neuron state: 48 -> 0 bits; 48 removed from 1 stateless neurons}}
module {
func.func @unit_gain(%x: tensor<5x2x3xi8>) -> tensor<5x2x3xi1> {
  // expected-remark @+1 {{provably stateless: 48 bits of state removed}}
  %s = snn.lif %x {beta = 0.0, v_leak = -2.0, threshold = array<f64: 3.0, 7.0>, compare = #snn.compare<ge>, state_type = i8} : (tensor<5x2x3xi8>) -> tensor<5x2x3xi1>
  return %s : tensor<5x2x3xi1>
}
}

// -----

// A float membrane is never provably irrelevant: once it overflowed to
// infinity, the next step's 0 * inf is NaN (test/snn-run/float-state-kept.mlir).
// CHECK-LABEL: func.func @float
// CHECK-NEXT:    snn.lif %arg0 {beta = 0.000000e+00 : f64
// expected-remark @+1 {{neuron state: 128 -> 128 bits}}
module {
func.func @float(%x: tensor<5x4xf32>) -> tensor<5x4xi1> {
  %s = snn.lif %x {beta = 0.0, threshold = 0.5, reset = #snn.reset<none>, state_type = f32} : (tensor<5x4xf32>) -> tensor<5x4xi1>
  return %s : tensor<5x4xi1>
}
}

// -----

// alpha = beta = 0: the current is sat_i6(3x), the charge mulq(i, 0.5).

// CHECK-LABEL: func.func @cuba
// CHECK-NEXT:    %[[I:.*]] = snn.scale %arg0 {factor = 3.000000e+00 : f64} : tensor<4x3xi1> -> tensor<4x3xi6>
// CHECK-NEXT:    %[[C:.*]] = snn.scale %[[I]] {factor = 5.000000e-01 : f64} : tensor<4x3xi6> -> tensor<4x3xi32>
// CHECK-NEXT:    %[[S:.*]] = snn.threshold %[[C]] {threshold = 1.000000e+00 : f64} : tensor<4x3xi32> -> tensor<4x3xi1>
// CHECK-NEXT:    return %[[S]]
// expected-remark @+1 {{neuron state: 42 -> 0 bits}}
module {
func.func @cuba(%x: tensor<4x3xi1>) -> tensor<4x3xi1> {
  // expected-remark @+1 {{provably stateless: 42 bits of state removed}}
  %s = snn.cuba_lif %x {alpha = 0.0, beta = 0.0, syn_gain = 3.0, gain = 0.5, threshold = 1.0, state_type = i8, syn_type = i6} : (tensor<4x3xi1>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}
}

// -----

// CHECK-LABEL: func.func @leaky_integrator
// CHECK-NEXT:    %[[V:.*]] = snn.scale %arg0 {factor = 2.500000e-01 : f64} : tensor<4x3xi8> -> tensor<4x3xi8>
// CHECK-NEXT:    return %[[V]]
// expected-remark @+1 {{neuron state: 24 -> 0 bits}}
module {
func.func @leaky_integrator(%x: tensor<4x3xi8>) -> tensor<4x3xi8> {
  // expected-remark @+1 {{provably stateless: 24 bits of state removed}}
  %v = snn.li %x {beta = 0.0, gain = 0.25, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi8>
  return %v : tensor<4x3xi8>
}
}

// -----

// Decay 0 but not stateless in the same values: a float v_leak rounds
// differently, a reset in the next step reads the previous spike, a
// saturated charge equals a threshold at the top of i8, a recurrent weight
// reads the previous spikes. All are kept, and none can be narrowed. (The
// neurons with a reset in the next step or recurrence also keep their
// previous spike: 9 + 8 + 9 bits each beside the float's 32.)

// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: snn.lif
// CHECK-NOT:     snn.threshold
// expected-remark @+1 {{neuron state: 174 -> 174 bits (1.00x fewer); 0 removed from 0 stateless neurons, 0 saved by 0 narrower state types}}
module {
func.func @kept(%x: tensor<4x3xf32>, %y: tensor<4x3xi8>, %w: tensor<3x3xi8>) -> (tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>) {
  %a = snn.lif %x {beta = 0.0, v_leak = 0.25, threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  %b = snn.lif %y {beta = 0.0, threshold = 4.0, reset_timing = #snn.reset_timing<next>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %c = snn.lif %y {beta = 0.0, threshold = 127.0, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %d = snn.lif %y recurrent(%w) {beta = 0.0, threshold = 4.0, state_type = i8} : (tensor<4x3xi8>, tensor<3x3xi8>) -> tensor<4x3xi1>
  return %a, %b, %c, %d : tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>
}
}

// -----

// Narrowing. %a: spikes into v = floor(v / 2) + s stay in [0, 1]; with the
// threshold 3 the state needs i3. %e: the convolution of spikes with 36
// weights of 1 drives [0, 36]; v = floor(0.75 v) + x, minus 20 on a spike,
// reaches 61 and charges up to floor(0.75 * 61) + 36 = 81: i8. The leaky
// integrator's result is its state (kept); %g integrates without reset or
// decay (unbounded, kept).

// CHECK-LABEL: func.func @narrow
// CHECK:         snn.lif %arg0 {beta = 5.000000e-01 : f64, state_type = i3, threshold = 3.000000e+00 : f64}
// CHECK:         snn.lif %{{.*}} {beta = 7.500000e-01 : f64, state_type = i8, threshold = 2.000000e+01 : f64}
// CHECK:         snn.li %arg0 {beta = 5.000000e-01 : f64, state_type = i16}
// CHECK:         snn.lif %arg0 {reset = #snn.reset<none>, state_type = i16, threshold = 3.000000e+00 : f64}
// OFF-LABEL:   func.func @narrow
// OFF:           snn.lif %arg0 {beta = 5.000000e-01 : f64, state_type = i16, threshold = 3.000000e+00 : f64}
// expected-remark @+1 {{neuron state: 2016 -> 1404 bits (1.44x fewer); 0 removed from 0 stateless neurons, 612 saved by 2 narrower state types}}
module {
func.func @narrow(%s: tensor<6x4x3x3xi1>) -> (tensor<6x4x3x3xi1>, tensor<6x2x3x3xi1>, tensor<6x4x3x3xi16>, tensor<6x4x3x3xi1>) {
  // expected-remark @+1 {{state type i16 -> i3 (membrane in [0, 1]): 468 bits saved}}
  %a = snn.lif %s {beta = 0.5, threshold = 3.0, state_type = i16} : (tensor<6x4x3x3xi1>) -> tensor<6x4x3x3xi1>
  %w = arith.constant dense<1> : tensor<2x4x3x3xi4>
  %d = snn.conv2d %s, %w {padding = array<i64: 1, 1>} : (tensor<6x4x3x3xi1>, tensor<2x4x3x3xi4>) -> tensor<6x2x3x3xi16>
  // expected-remark @+1 {{state type i16 -> i8 (membrane in [0, 81]): 144 bits saved}}
  %e = snn.lif %d {beta = 0.75, threshold = 20.0, state_type = i16} : (tensor<6x2x3x3xi16>) -> tensor<6x2x3x3xi1>
  %f = snn.li %s {beta = 0.5, state_type = i16} : (tensor<6x4x3x3xi1>) -> tensor<6x4x3x3xi16>
  %g = snn.lif %s {reset = #snn.reset<none>, threshold = 3.0, state_type = i16} : (tensor<6x4x3x3xi1>) -> tensor<6x4x3x3xi1>
  return %a, %e, %f, %g : tensor<6x4x3x3xi1>, tensor<6x2x3x3xi1>, tensor<6x4x3x3xi16>, tensor<6x4x3x3xi1>
}
}

// -----

// Integer arithmetic beyond floor and saturate (Lava's fixed point): a
// memoryless neuron is made stateless only where snn.scale and
// snn.threshold compute the same bits. A bias (%a), a wrapping (%b) or
// symmetric (%e) membrane, a wrapping current (%f) and a gain product
// rounded otherwise than down (%c, %c2) are kept; a rounding mode with a
// unit gain changes nothing (%d). Narrowing follows the rounding: 0.5 x
// over i8 is [-64, 64] to nearest (ties to even: 63.5 -> 64, kept in i8)
// but [-64, 63] toward zero (i7).

// CHECK-LABEL: func.func @arithmetic_modes
// CHECK:         snn.lif %arg0 {beta = 0.000000e+00 : f64, bias = 1.000000e+00 : f64, state_type = i8
// CHECK:         snn.lif %arg0 {beta = 0.000000e+00 : f64, overflow = #snn.overflow<wrap>, state_type = i8
// CHECK:         snn.lif %arg0 {beta = 0.000000e+00 : f64, gain = 5.000000e-01 : f64, rounding = #snn.rounding<nearest_even>, state_type = i8
// CHECK:         snn.lif %arg0 {beta = 0.000000e+00 : f64, gain = 5.000000e-01 : f64, rounding = #snn.rounding<toward_zero>, state_type = i7
// CHECK:         snn.lif %arg0 {beta = 0.000000e+00 : f64, overflow = #snn.overflow<saturate_symmetric>, state_type = i8
// CHECK:         snn.cuba_lif %arg0 {{.*}}syn_overflow = #snn.overflow<wrap>
// CHECK:         %[[D:.*]] = snn.threshold %arg0 {threshold = 4.000000e+00 : f64} : tensor<4x3xi8> -> tensor<4x3xi1>
// CHECK:         return {{.*}}%[[D]]
// expected-remark @+1 {{neuron state: 192 -> 165 bits (1.16x fewer); 24 removed from 1 stateless neurons, 3 saved by 1 narrower state types}}
module {
func.func @arithmetic_modes(%y: tensor<4x3xi8>) -> (tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>) {
  %a = snn.lif %y {beta = 0.0, bias = 1.0, threshold = 4.0, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %b = snn.lif %y {beta = 0.0, threshold = 4.0, overflow = #snn.overflow<wrap>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %c = snn.lif %y {beta = 0.0, gain = 0.5, threshold = 4.0, rounding = #snn.rounding<nearest_even>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  // expected-remark @+1 {{state type i8 -> i7 (membrane in [-64, 63]): 3 bits saved}}
  %c2 = snn.lif %y {beta = 0.0, gain = 0.5, threshold = 4.0, rounding = #snn.rounding<toward_zero>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %e = snn.lif %y {beta = 0.0, threshold = 4.0, overflow = #snn.overflow<saturate_symmetric>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  %f = snn.cuba_lif %y {alpha = 0.0, beta = 0.0, threshold = 4.0, syn_overflow = #snn.overflow<wrap>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  // expected-remark @+1 {{provably stateless: 24 bits of state removed}}
  %d = snn.lif %y {beta = 0.0, threshold = 4.0, rounding = #snn.rounding<toward_zero>, state_type = i8} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %a, %b, %c, %c2, %e, %f, %d : tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xi1>
}
}

// -----

// Narrowing with the new arithmetic. A symmetric saturation keeps the
// narrower type's lowest value out of the membrane: [-4, 1] (v_init = -4)
// needs i4 there, i3 otherwise. A bias shifts the range (floor(v/2) + s - 9
// stays in [-18, 0]) and must itself fit the narrower type. A current that
// may wrap can take any value of its type: i8 with syn_gain 100 drives a
// membrane v = floor(v/2) + i in [-256, 250] (i9).

// CHECK-LABEL: func.func @narrow_arithmetic
// CHECK:         snn.lif %arg0 {{.*}}overflow = #snn.overflow<saturate_symmetric>, state_type = i4
// CHECK:         snn.lif %arg0 {{.*}}state_type = i3
// CHECK:         snn.lif %arg0 {{.*}}bias = -9.000000e+00 : f64, state_type = i6
// CHECK:         snn.cuba_lif %arg0 {{.*}}state_type = i9, syn_gain = 1.000000e+02 : f64, syn_overflow = #snn.overflow<wrap>, syn_type = i8
// expected-remark @+1 {{neuron state: 288 -> 120 bits (2.40x fewer); 0 removed from 0 stateless neurons, 168 saved by 4 narrower state types}}
module {
func.func @narrow_arithmetic(%s: tensor<6x4xi1>) -> (tensor<6x4xi1>, tensor<6x4xi1>, tensor<6x4xi1>, tensor<6x4xi1>) {
  // expected-remark @+1 {{state type i16 -> i4 (membrane in [-4, 1]): 48 bits saved}}
  %a = snn.lif %s {beta = 0.5, v_init = -4.0, threshold = 3.0, overflow = #snn.overflow<saturate_symmetric>, state_type = i16} : (tensor<6x4xi1>) -> tensor<6x4xi1>
  // expected-remark @+1 {{state type i16 -> i3 (membrane in [-4, 1]): 52 bits saved}}
  %b = snn.lif %s {beta = 0.5, v_init = -4.0, threshold = 3.0, state_type = i16} : (tensor<6x4xi1>) -> tensor<6x4xi1>
  // expected-remark @+1 {{state type i16 -> i6 (membrane in [-18, 0]): 40 bits saved}}
  %c = snn.lif %s {beta = 0.5, bias = -9.0, threshold = 3.0, state_type = i16} : (tensor<6x4xi1>) -> tensor<6x4xi1>
  // expected-remark @+1 {{state type i16 -> i9 (membrane in [-256, 250]): 28 bits saved}}
  %d = snn.cuba_lif %s {alpha = 0.5, beta = 0.5, syn_gain = 100.0, threshold = 3.0, syn_overflow = #snn.overflow<wrap>, state_type = i16, syn_type = i8} : (tensor<6x4xi1>) -> tensor<6x4xi1>
  return %a, %b, %c, %d : tensor<6x4xi1>, tensor<6x4xi1>, tensor<6x4xi1>, tensor<6x4xi1>
}
}
