// RUN: snn-opt %s --convert-snn-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// The event-driven form keeps the spikes as they are and scatters the
// packed weights [g, c, kh, kw, k] into channels-last accumulators
// [t, g, oh, ow, k] (bias first), read back in the result's layout.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<4x2x8x8xi1>)
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x1x4x4x16xi16>)
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<16x2x3x3xi8>) outs(%{{.*}} : tensor<1x2x3x3x16xi16>)
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: %[[SUMS:.*]] = snn_kernel.event_scatter %[[X]], %[[W]] into %[[INIT]] pad(%[[ONE]], %{{.*}}) {dilation = array<i64: 1, 1>, stride = array<i64: 2, 2>}
// CHECK: linalg.generic {{.*}} ins(%[[SUMS]] : tensor<4x1x4x4x16xi16>) outs(%{{.*}} : tensor<4x16x4x4xi16>)
func.func @conv(%x: tensor<4x2x8x8xi1>) -> tensor<4x16x4x4xi16> {
  %w = arith.constant dense<3> : tensor<16x2x3x3xi8>
  %b = arith.constant dense<1> : tensor<16xi16>
  %y = snn.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>, form = #snn.synapse_form<event>}
      : (tensor<4x2x8x8xi1>, tensor<16x2x3x3xi8>, tensor<16xi16>) -> tensor<4x16x4x4xi16>
  return %y : tensor<4x16x4x4xi16>
}

// -----

// A dense layer is a 1 x n convolution of a 1 x n image: one row of spikes.
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[X:.*]]: tensor<4x100xi1>)
// CHECK: %[[ROW:.*]] = tensor.expand_shape %[[X]] {{.*}} into tensor<4x1x1x100xi1>
// CHECK: %[[W:.*]] = tensor.expand_shape {{.*}} into tensor<1x1x1x100x10xf32>
// CHECK: %[[ACC:.*]] = tensor.expand_shape {{.*}} into tensor<4x1x1x1x10xf32>
// CHECK: %[[SUMS:.*]] = snn_kernel.event_scatter %[[ROW]], %[[W]] into %[[ACC]]
// CHECK: tensor.collapse_shape %[[SUMS]] {{.*}} into tensor<4x10xf32>
func.func @dense(%x: tensor<4x100xi1>) -> tensor<4x10xf32> {
  %w = arith.constant dense<0.5> : tensor<10x100xf32>
  %y = snn.dense %x, %w {form = #snn.synapse_form<event>} : (tensor<4x100xi1>, tensor<10x100xf32>) -> tensor<4x10xf32>
  return %y : tensor<4x10xf32>
}

// -----

// Values other than spikes are converted to the accumulation type first;
// their zeros are skipped, the others scale the weights.
// CHECK-LABEL: func.func @values
// CHECK: %[[X:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x8x8xi8>) outs(%{{.*}} : tensor<4x2x8x8xi16>)
// CHECK: arith.extsi %{{.*}} : i8 to i16
// CHECK: snn_kernel.event_scatter %[[X]], %{{.*}} into %{{.*}} : tensor<4x2x8x8xi16>, tensor<1x2x3x3x16xi16>, tensor<4x1x8x8x16xi16>
func.func @values(%x: tensor<4x2x8x8xi8>) -> tensor<4x16x8x8xi32> {
  %w = arith.constant dense<3> : tensor<16x2x3x3xi8>
  %y = snn.conv2d %x, %w {padding = array<i64: 1, 1>, form = #snn.synapse_form<event>}
      : (tensor<4x2x8x8xi8>, tensor<16x2x3x3xi8>) -> tensor<4x16x8x8xi32>
  return %y : tensor<4x16x8x8xi32>
}

// -----

// Skipping a silent input is not exact when a weight may be infinite.
func.func @inexact(%x: tensor<4x100xi1>, %w: tensor<10x100xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'snn.dense' op cannot be computed event-driven exactly: its float weights are not all finite constants}}
  %y = snn.dense %x, %w {form = #snn.synapse_form<event>} : (tensor<4x100xi1>, tensor<10x100xf32>) -> tensor<4x10xf32>
  return %y : tensor<4x10xf32>
}
