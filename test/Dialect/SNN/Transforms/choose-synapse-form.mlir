// RUN: snn-opt %s --snn-choose-synapse-form -verify-diagnostics | FileCheck %s
// RUN: snn-opt %s --snn-choose-synapse-form='crossover=0.5 assume-activity=0.4' -verify-diagnostics | FileCheck %s --check-prefix=ASSUME
// RUN: snn-opt %s --snn-choose-synapse-form='crossover=0' | FileCheck %s --check-prefix=DENSE

// Below the crossover (by default 0.25 for convolutions, 0.6 for dense
// layers) a layer runs event-driven, above it dense, whatever its input
// (spikes, or values whose zeros are skipped); a layer without an activity
// keeps its form unless one is assumed.

// CHECK-LABEL: func.func @choices
// ASSUME-LABEL: func.func @choices
// DENSE-LABEL: func.func @choices
func.func @choices(%x: tensor<4x2x8x8xi1>, %w: tensor<16x2x3x3xi8>, %d: tensor<4x8xi8>,
                   %wd: tensor<4x8xi8>) {
  // CHECK: snn.conv2d {{.*}}activity = 2.000000e-02 : f64, form = #snn.synapse_form<event>
  // ASSUME: snn.conv2d {{.*}}activity = 2.000000e-02 : f64, form = #snn.synapse_form<event>
  // DENSE: snn.conv2d {{.*}}form = #snn.synapse_form<dense>
  %0 = snn.conv2d %x, %w {activity = 0.02 : f64}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x6x6xi32>
  // CHECK: snn.conv2d {{.*}}activity = 3.000000e-01 : f64, form = #snn.synapse_form<dense>
  // ASSUME: snn.conv2d {{.*}}activity = 3.000000e-01 : f64, form = #snn.synapse_form<event>
  %1 = snn.conv2d %x, %w {activity = 0.3 : f64}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x6x6xi32>
  // CHECK: snn.conv2d %{{[a-z0-9]*}}, %{{[a-z0-9]*}} : (tensor<4x2x8x8xi1>
  // ASSUME: snn.conv2d {{.*}}{form = #snn.synapse_form<event>}
  %2 = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>) -> tensor<4x16x6x6xi32>
  // CHECK: snn.dense %{{[a-z0-9]*}}, %{{[a-z0-9]*}} : (tensor<4x8xi8>
  // ASSUME: snn.dense {{.*}}{form = #snn.synapse_form<event>} : (tensor<4x8xi8>
  %3 = snn.dense %d, %wd : (tensor<4x8xi8>, tensor<4x8xi8>) -> tensor<4x4xi32>
  // CHECK: snn.dense {{.*}}activity = 5.000000e-01 : f64, form = #snn.synapse_form<event>
  // ASSUME: snn.dense {{.*}}activity = 5.000000e-01 : f64, form = #snn.synapse_form<event>
  // DENSE: snn.dense {{.*}}activity = 5.000000e-01 : f64, form = #snn.synapse_form<event>
  %4 = snn.dense %d, %wd {activity = 0.5 : f64} : (tensor<4x8xi8>, tensor<4x8xi8>) -> tensor<4x4xi32>
  return
}

// A float layer is event-driven only where that is exact: finite constant
// weights and a bias without -0.0.

// CHECK-LABEL: func.func @floats
func.func @floats(%x: tensor<4x3xi1>, %w: tensor<2x3xf32>) {
  %finite = arith.constant dense<[[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]> : tensor<2x3xf32>
  %inf = arith.constant dense<[[1.0, 0x7F800000, 0.5], [0.0, 3.0, -1.0]]> : tensor<2x3xf32>
  %negzero = arith.constant dense<[0.0, -0.0]> : tensor<2xf32>
  // CHECK: snn.dense {{.*}}form = #snn.synapse_form<event>
  %0 = snn.dense %x, %finite {activity = 0.1 : f64} : (tensor<4x3xi1>, tensor<2x3xf32>) -> tensor<4x2xf32>
  // expected-remark @+2 {{stays dense although its activity 0.1 is below the crossover}}
  // CHECK: snn.dense {{.*}}form = #snn.synapse_form<dense>
  %1 = snn.dense %x, %inf {activity = 0.1 : f64} : (tensor<4x3xi1>, tensor<2x3xf32>) -> tensor<4x2xf32>
  // expected-remark @+2 {{its float weights are not all finite constants}}
  // CHECK: snn.dense {{.*}}form = #snn.synapse_form<dense>
  %2 = snn.dense %x, %w {activity = 0.1 : f64} : (tensor<4x3xi1>, tensor<2x3xf32>) -> tensor<4x2xf32>
  // expected-remark @+2 {{its float bias is not a constant free of -0.0}}
  // CHECK: snn.dense {{.*}}form = #snn.synapse_form<dense>
  %3 = snn.dense %x, %finite, %negzero {activity = 0.1 : f64} : (tensor<4x3xi1>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return
}
