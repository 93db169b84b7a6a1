// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.

// Convolution loops are (t, oh, k, ow, c, kh, kw): the output channels of a
// row share its input rows while they are in cache.
// CHECK-DAG: #[[GROUPED:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d2 floordiv 2) * 2 + d4, d1 * 2 + d5 * 2, d3 + d6 * 2)>
// CHECK-DAG: #[[CONVW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d2, d4, d5, d6)>
// CHECK-DAG: #[[CONVOUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d1, d3)>

// An integer convolution pads its input, accumulates exactly over (c, kh,
// kw) and saturates to the result type in a second generic. Its partial sums
// lie in [-32768 - 27 * 128, 32767 + 27 * 127] (an i16 bias, 27 spikes times
// i8 weights): i32 holds them, i16 would not.
// CHECK-LABEL: func.func @conv_int
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8x8xi1>, %[[W:.*]]: tensor<4x3x3x3xi8>, %[[B:.*]]: tensor<4xi16>)
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<4xi16>) outs(%{{.*}} : tensor<2x4x4x4xi32>)
// CHECK: arith.extsi %{{.*}} : i16 to i32
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[PAD]], %[[W]] : tensor<2x3x10x10xi1>, tensor<4x3x3x3xi8>) outs(%[[INIT]] : tensor<2x4x4x4xi32>)
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.muli
// CHECK: arith.addi
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[ACC]] : tensor<2x4x4x4xi32>) outs(%{{.*}} : tensor<2x4x4x4xi16>)
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: return %[[OUT]]
func.func @conv_int(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>, %b: tensor<4xi16>) -> tensor<2x4x4x4xi16> {
  %0 = snn.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>, tensor<4xi16>) -> tensor<2x4x4x4xi16>
  return %0 : tensor<2x4x4x4xi16>
}

// Strides, dilations and groups live in the input's indexing map.
// CHECK-LABEL: func.func @conv_float_grouped
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[GROUPED]], #[[CONVW]], #[[CONVOUT]]]
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @conv_float_grouped(%x: tensor<2x4x9x9xi1>, %w: tensor<4x2x3x3xf32>) -> tensor<2x4x3x5xf32> {
  %0 = snn.conv2d %x, %w {stride = array<i64: 2, 1>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x4x9x9xi1>, tensor<4x2x3x3xf32>) -> tensor<2x4x3x5xf32>
  return %0 : tensor<2x4x3x5xf32>
}

// CHECK-LABEL: func.func @dense
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<3x8xi1>, tensor<5x8xf32>)
func.func @dense(%x: tensor<3x8xi1>, %w: tensor<5x8xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = snn.dense %x, %w, %b : (tensor<3x8xi1>, tensor<5x8xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// Max pooling pads with the type's lowest value so padding never wins; on
// spikes the reduction is an OR.
// CHECK-LABEL: func.func @maxpool_spikes
// CHECK: tensor.pad {{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %false
// CHECK: arith.ori
func.func @maxpool_spikes(%x: tensor<2x3x8x8xi1>) -> tensor<2x3x5x5xi1> {
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x8x8xi1> -> tensor<2x3x5x5xi1>
  return %0 : tensor<2x3x5x5xi1>
}

// CHECK-LABEL: func.func @maxpool_int
// CHECK: %[[LOWEST:.*]] = arith.constant -128 : i8
// CHECK: tensor.pad
// CHECK: tensor.yield %[[LOWEST]]
// CHECK: arith.maxsi
func.func @maxpool_int(%x: tensor<2x3x8x8xi8>) -> tensor<2x3x5x5xi8> {
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x8x8xi8> -> tensor<2x3x5x5xi8>
  return %0 : tensor<2x3x5x5xi8>
}

// Average pooling divides the exact sum with floor division.
// CHECK-LABEL: func.func @avgpool_int
// CHECK: arith.extsi
// CHECK: arith.addi
// CHECK: arith.floordivsi
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @avgpool_int(%x: tensor<2x3x8x8xi8>) -> tensor<2x3x4x4xi8> {
  %0 = snn.avgpool2d %x {kernel = array<i64: 2, 2>} : tensor<2x3x8x8xi8> -> tensor<2x3x4x4xi8>
  return %0 : tensor<2x3x4x4xi8>
}

// CHECK-LABEL: func.func @sumpool_float
// CHECK: arith.uitofp
// CHECK: arith.addf
func.func @sumpool_float(%x: tensor<2x3x8x8xi1>) -> tensor<2x3x4x4xf32> {
  %0 = snn.sumpool2d %x {kernel = array<i64: 2, 2>} : tensor<2x3x8x8xi1> -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// Accumulator widths follow the proven partial-sum range: constant weights
// bound it tightly (spikes times weights in [-3, 5], 4 terms and a bias of
// at most 7: i16), i32 inputs times i8 weights need i64.
// CHECK-LABEL: func.func @accumulator_widths
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2xi16>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2xi64>)
func.func @accumulator_widths(%s: tensor<2x4xi1>, %x: tensor<2x4xi32>, %w: tensor<2x4xi8>)
    -> (tensor<2x2xi32>, tensor<2x2xi32>) {
  %cw = arith.constant dense<[[1, -3, 5, 0], [2, 2, -1, 4]]> : tensor<2x4xi8>
  %cb = arith.constant dense<[7, -2]> : tensor<2xi32>
  %a = snn.dense %s, %cw, %cb : (tensor<2x4xi1>, tensor<2x4xi8>, tensor<2xi32>) -> tensor<2x2xi32>
  %b = snn.dense %x, %w : (tensor<2x4xi32>, tensor<2x4xi8>) -> tensor<2x2xi32>
  return %a, %b : tensor<2x2xi32>, tensor<2x2xi32>
}
