// RUN: snn-opt %s -split-input-file --snn-eliminate-state='blocks=1' -verify-diagnostics | FileCheck %s

// Neurons made stateless on request (a block, an attribute; names in
// eliminate-state-named.mlir) start every step from v_leak whatever their
// decay.

// CHECK-LABEL: func.func @requested
// CHECK-NEXT:    %[[A:.*]] = snn.lif %arg0 {beta = 9.000000e-01 : f64, state_type = f32
// CHECK-NEXT:    %[[C:.*]] = snn.scale %arg1 {factor = 1.500000e+00 : f64} : tensor<4x3xi8> -> tensor<4x3xi32>
// CHECK-NEXT:    %[[B:.*]] = snn.threshold %[[C]] {threshold = 7.000000e+00 : f64} : tensor<4x3xi32> -> tensor<4x3xi1>
// CHECK-NEXT:    %[[V:.*]] = snn.scale %arg0 {factor = 2.000000e+00 : f64, snn.block = 1 : i64} : tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    return %[[A]], %[[B]], %[[V]]
// expected-remark @+1 {{neuron state: 216 -> 96 bits (2.25x fewer); 120 removed from 2 stateless neurons, 0 saved by 0 narrower state types}}
module {
func.func @requested(%x: tensor<4x3xf32>, %y: tensor<4x3xi8>) -> (tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xf32>) {
  %a = snn.lif %x {beta = 0.9, threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  // expected-remark @+1 {{stateless on request: 24 bits of state removed}}
  %b = snn.lif %y {beta = 0.5, gain = 1.5, v_leak = 2.0, threshold = 9.0, state_type = i8, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  // expected-remark @+1 {{stateless on request: 96 bits of state removed}}
  %c = snn.li %x {beta = 0.8, gain = 2.0, state_type = f32, snn.block = 1 : i64} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %a, %b, %c : tensor<4x3xi1>, tensor<4x3xi1>, tensor<4x3xf32>
}
}

// -----

func.func @recurrent(%x: tensor<4x3xi8>, %w: tensor<3x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: it has a recurrent weight}}
  %d = snn.lif %x recurrent(%w) {threshold = 4.0, state_type = i8, snn.stateless} : (tensor<4x3xi8>, tensor<3x3xi8>) -> tensor<4x3xi1>
  return %d : tensor<4x3xi1>
}

// -----

func.func @leaky_integrator_with_leak(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{cannot make this neuron stateless: a leaky integrator with a non-zero v_leak has no stateless form}}
  %v = snn.li %x {beta = 0.5, v_leak = 1.0, state_type = f32, snn.block = 1 : i64} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %v : tensor<4x3xf32>
}

// -----

func.func @conversion(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: its drive would need a conversion to the float state type}}
  %s = snn.lif %x {beta = 0.5, threshold = 1.0, state_type = f32, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @scheduled(%x: tensor<4x3xi8>, %v: tensor<3xi8>) -> (tensor<4x3xi1>, tensor<3xi8>) {
  // expected-error @+1 {{cannot make a scheduled neuron stateless: run snn-eliminate-state before the schedule passes}}
  %s:2 = snn.lif %x init(%v) {threshold = 4.0, state_type = i8, snn.stateless} : (tensor<4x3xi8>, tensor<3xi8>) -> (tensor<4x3xi1>, tensor<3xi8>)
  return %s#0, %s#1 : tensor<4x3xi1>, tensor<3xi8>
}

// -----

func.func @refractory(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: it has a refractory period, which a spike carries into later steps}}
  %s = snn.lif %x {beta = 0.0, refractory = 2, threshold = 4.0, state_type = i8, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @adaptive(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: it has an adaptive threshold, which a spike raises for later steps}}
  %s = snn.lif %x {beta = 0.0, adapt = 0.5, threshold = 1.0, state_type = f32, snn.stateless} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @bias(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: it has a bias, which the stateless form does not add}}
  %s = snn.lif %x {beta = 0.5, bias = 2.0, threshold = 4.0, state_type = i8, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @wrap(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: its state overflows otherwise than by saturating, which the stateless form cannot express}}
  %s = snn.cuba_lif %x {beta = 0.5, threshold = 4.0, syn_overflow = #snn.overflow<wrap>, state_type = i8, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @rounding(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  // expected-error @+1 {{cannot make this neuron stateless: its gain products round otherwise than down, which snn.scale cannot express}}
  %s = snn.lif %x {beta = 0.5, gain = 0.75, threshold = 4.0, rounding = #snn.rounding<toward_zero>, state_type = i8, snn.stateless} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}
