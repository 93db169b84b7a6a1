// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn. --implicit-check-not=tensor.pad

// Convolution loops are (t, g, oh, ow, k | c, kh, kw). The input is a window
// (padding skipped, never copied): its map subtracts the padding.
// CHECK-DAG: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d2 * 2 + d6 - 1, d3 * 2 + d7 - 1)>
// CHECK-DAG: #[[GROUPED:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d2 * 2 + d6 * 2, d3 + d7 * 2)>
// CHECK-DAG: #[[GROUPEDW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1 * 2 + d4, d5, d6, d7)>
// CHECK-DAG: #[[PACK:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0 * 16 + d4, d1, d2, d3)>
// CHECK-DAG: #[[PACKEDMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d5, d6, d7, d4)>
// CHECK-DAG: #[[CHANNELSLAST:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[TO_CHANNELS_LAST:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 3 + d4, d2, d3)>
// CHECK-DAG: #[[WINDOW_CHANNELS_LAST:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 + d6 - 1, d3 + d7 - 1, d5)>
// CHECK-DAG: #[[UNPACK:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 16, d2, d3, d1 mod 16)>
// CHECK-DAG: #[[TILED:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7)[s0] -> (d0, d1, d5, d2 + d6 - s0, d3 + d7 - 1)>
// CHECK-DAG: #[[POOL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4 - 1, d3 * 2 + d5 - 1)>

// A convolution with few output channels vectorizes along the columns: an
// integer one accumulates exactly over (c, kh, kw) and saturates to the
// result type in a second generic. Its partial sums lie in [-32768 - 27 *
// 128, 32767 + 27 * 127] (an i16 bias, 27 spikes times i8 weights): i32
// holds them, i16 would not.
// CHECK-LABEL: func.func @conv_int
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8x8xi1>, %[[W:.*]]: tensor<4x3x3x3xi8>, %[[B:.*]]: tensor<4xi16>)
// CHECK: %[[XG:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 1, 3, 8, 8]
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<4xi16>) outs(%{{.*}} : tensor<2x1x4x4x4xi32>)
// CHECK: arith.extsi %{{.*}} : i16 to i32
// CHECK: %[[ACC:.*]] = snn_kernel.generic {indexing_maps = [#[[WINDOW]], {{.*}}], {{.*}} snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 3, block = 4>, windowed = array<i1: true, false>} ins(%[[XG]], %[[W]] : tensor<2x1x3x8x8xi1>, tensor<4x3x3x3xi8>) outs(%[[INIT]] : tensor<2x1x4x4x4xi32>)
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.muli
// CHECK: arith.addi
// CHECK: %[[JOINED:.*]] = tensor.collapse_shape %[[ACC]] {{\[}}[0], [1, 2], [3], [4]]
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[JOINED]] : tensor<2x4x4x4xi32>) outs(%{{.*}} : tensor<2x4x4x4xi16>)
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: return %[[OUT]]
func.func @conv_int(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>, %b: tensor<4xi16>) -> tensor<2x4x4x4xi16> {
  %0 = snn.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>, tensor<4xi16>) -> tensor<2x4x4x4xi16>
  return %0 : tensor<2x4x4x4xi16>
}

// With 8 or more output channels per group the lanes run across them: the
// weights are packed once as [g, c, kh, kw, k] in the accumulation type, the
// spikes become 0/-1 masks of it laid out channels-last, [t, g, h, w, c],
// the accumulators are [t, g, oh, ow, k], and the result is read back into
// [t, k, oh, ow] as it saturates.
// CHECK-LABEL: func.func @conv_channel_lanes
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x8x8xi1>, %[[W:.*]]: tensor<16x3x3x3xi4>)
// CHECK: %[[XG:.*]] = linalg.generic {indexing_maps = [#[[TO_CHANNELS_LAST]], {{.*}}]{{.*}} ins(%[[X]] : tensor<2x3x8x8xi1>) outs(%{{.*}} : tensor<2x1x8x8x3xi16>)
// CHECK: arith.extsi %{{.*}} : i1 to i16
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<2x1x8x8x16xi16>
// CHECK: %[[PACKED:.*]] = linalg.generic {indexing_maps = [#[[PACK]], {{.*}}]{{.*}} ins(%[[W]] : tensor<16x3x3x3xi4>) outs(%{{.*}} : tensor<1x3x3x3x16xi16>)
// CHECK: arith.extsi %{{.*}} : i4 to i16
// CHECK: %[[ACC:.*]] = snn_kernel.generic {indexing_maps = [#[[WINDOW_CHANNELS_LAST]], #[[PACKEDMAP]], #[[CHANNELSLAST]]], {{.*}} snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 4, block = 3>, windowed = array<i1: true, false>} ins(%[[XG]], %[[PACKED]] : tensor<2x1x8x8x3xi16>, tensor<1x3x3x3x16xi16>) outs(%[[ZERO]] : tensor<2x1x8x8x16xi16>)
// CHECK: arith.andi
// CHECK: arith.addi
// CHECK: linalg.generic {indexing_maps = [#[[UNPACK]], {{.*}}]{{.*}} ins(%[[ACC]] : tensor<2x1x8x8x16xi16>) outs(%{{.*}} : tensor<2x16x8x8xi12>)
func.func @conv_channel_lanes(%x: tensor<2x3x8x8xi1>, %w: tensor<16x3x3x3xi4>) -> tensor<2x16x8x8xi12> {
  %0 = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<2x3x8x8xi1>, tensor<16x3x3x3xi4>) -> tensor<2x16x8x8xi12>
  return %0 : tensor<2x16x8x8xi12>
}

// Strides, dilations and groups live in the maps; without padding the input
// is not windowed. Float sums keep the semantics' order: acc + x * w.
// CHECK-LABEL: func.func @conv_float_grouped
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[GROUPED]], #[[GROUPEDW]], {{.*}}]
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.collapse_shape
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @conv_float_grouped(%x: tensor<2x4x9x9xi1>, %w: tensor<4x2x3x3xf32>) -> tensor<2x4x3x5xf32> {
  %0 = snn.conv2d %x, %w {stride = array<i64: 2, 1>, dilation = array<i64: 2, 2>, groups = 2 : i64}
      : (tensor<2x4x9x9xi1>, tensor<4x2x3x3xf32>) -> tensor<2x4x3x5xf32>
  return %0 : tensor<2x4x3x5xf32>
}

// A zero padding in front of a convolution (how a spatial tile clips its
// halo at the layer's border) joins the window: its low padding becomes a
// symbol of the map, the padded tensor is never built.
// CHECK-LABEL: func.func @tile_padding
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x?x8xi1>, %{{.*}}: tensor<4x2x3x3xi8>, %[[LO:.*]]: index, %{{.*}}: index)
// CHECK: %[[XG:.*]] = tensor.expand_shape %[[X]]
// CHECK: snn_kernel.generic {indexing_maps = [#[[TILED]], {{.*}}]{{.*}} ins(%[[XG]], %{{.*}} : tensor<1x1x2x?x8xi1>, tensor<4x2x3x3xi8>) outs(%{{.*}}) symbols(%[[LO]])
func.func @tile_padding(%x: tensor<1x2x?x8xi1>, %w: tensor<4x2x3x3xi8>, %lo: index, %hi: index) -> tensor<1x4x4x8xi16> {
  %false = arith.constant false
  %p = tensor.pad %x low[0, 0, %lo, 0] high[0, 0, %hi, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %false : i1
  } : tensor<1x2x?x8xi1> to tensor<1x2x6x8xi1>
  %0 = snn.conv2d %p, %w {padding = array<i64: 0, 1>}
      : (tensor<1x2x6x8xi1>, tensor<4x2x3x3xi8>) -> tensor<1x4x4x8xi16>
  return %0 : tensor<1x4x4x8xi16>
}

// A dense layer: lanes across its outputs over the transposed weights, its
// spike inputs as 0.0/1.0, multiplied by fma (exact: x * w is w or 0).
// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[X:.*]]: tensor<3x8xi1>, %[[W:.*]]: tensor<5x8xf32>, %{{.*}}: tensor<5xf32>)
// CHECK: %[[XF:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<3x8xi1>) outs(%{{.*}} : tensor<3x8xf32>)
// CHECK: arith.uitofp
// CHECK: %[[WT:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<5x8xf32>) outs(%{{.*}} : tensor<8x5xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[XF]], %[[WT]] : tensor<3x8xf32>, tensor<8x5xf32>) {{.*}} attrs = {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 1, block = 0>}
// CHECK: math.fma
func.func @dense(%x: tensor<3x8xi1>, %w: tensor<5x8xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = snn.dense %x, %w, %b : (tensor<3x8xi1>, tensor<5x8xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// Max pooling starts from the type's lowest value and skips the padding; on
// spikes the reduction is an OR.
// CHECK-LABEL: func.func @maxpool_spikes
// CHECK: linalg.fill ins(%false
// CHECK: snn_kernel.generic {indexing_maps = [#[[POOL]], {{.*}} windowed = array<i1: true, false>}
// CHECK: arith.ori
func.func @maxpool_spikes(%x: tensor<2x3x8x8xi1>) -> tensor<2x3x5x5xi1> {
  %0 = snn.maxpool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x3x8x8xi1> -> tensor<2x3x5x5xi1>
  return %0 : tensor<2x3x5x5xi1>
}

// CHECK-LABEL: func.func @maxpool_int
// CHECK: %[[LOWEST:.*]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[LOWEST]]
// CHECK: snn_kernel.generic
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
