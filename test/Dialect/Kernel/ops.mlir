// RUN: snn-opt %s | snn-opt | FileCheck %s

// A convolution row whose input is a window padded by one on both sides.
// CHECK-LABEL: func.func @window
// CHECK: snn_kernel.generic {{.*}}windowed = array<i1: true, false>} ins(%{{.*}}, %{{.*}} : tensor<8xi16>, tensor<4x3xi16>) outs(%{{.*}} : tensor<4x8xi16>)
// CHECK: snn_kernel.yield %{{.*}} : i16
// CHECK: } -> tensor<4x8xi16>
func.func @window(%x: tensor<8xi16>, %w: tensor<4x3xi16>, %acc: tensor<4x8xi16>) -> tensor<4x8xi16> {
  %y = snn_kernel.generic {
      indexing_maps = [affine_map<(k, o, r) -> (o + r - 1)>, affine_map<(k, o, r) -> (k, r)>,
                       affine_map<(k, o, r) -> (k, o)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>}
      ins(%x, %w : tensor<8xi16>, tensor<4x3xi16>) outs(%acc : tensor<4x8xi16>) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    %m = arith.muli %a, %b : i16
    %s = arith.addi %c, %m : i16
    snn_kernel.yield %s : i16
  } -> tensor<4x8xi16>
  return %y : tensor<4x8xi16>
}

// On buffers, with a symbol in the window's offset and a vectorize hint.
// CHECK-LABEL: func.func @buffers
// CHECK: snn_kernel.generic {{.*}}snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 1, block = 0>{{.*}} ins(%{{.*}}, %{{.*}} : memref<?xf32>, memref<3xf32>) outs(%{{.*}} : memref<2x6xf32>) symbols(%{{.*}}) {
func.func @buffers(%x: memref<?xf32>, %w: memref<3xf32>, %acc: memref<2x6xf32>, %lo: index) {
  snn_kernel.generic {
      indexing_maps = [affine_map<(t, o, r)[s0] -> (o + r - s0)>, affine_map<(t, o, r)[s0] -> (r)>,
                       affine_map<(t, o, r)[s0] -> (t, o)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>, snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 1, block = 0>}
      ins(%x, %w : memref<?xf32>, memref<3xf32>) outs(%acc : memref<2x6xf32>) symbols(%lo) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    snn_kernel.yield %s : f32
  }
  return
}

// The hint on a linalg op; the block loop is optional.
// CHECK-LABEL: func.func @hint
// CHECK: snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 0>
func.func @hint(%x: tensor<16xf32>, %y: tensor<16xf32>) -> tensor<16xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%y : tensor<16xf32>) attrs = {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 0>} {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// An event-driven convolution, on tensors and on buffers.
// CHECK-LABEL: func.func @scatter
// CHECK: %[[Y:.*]] = snn_kernel.event_scatter %{{.*}}, %{{.*}} into %{{.*}} pad(%{{.*}}, %{{.*}}) {dilation = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<4x2x9x9xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x4x4x16xf32> -> tensor<4x1x4x4x16xf32>
// CHECK: snn_kernel.event_scatter %{{.*}}, %{{.*}} into %{{.*}} pad(%{{.*}}, %{{.*}}) {dilation = array<i64: 2, 2>, stride = array<i64: 1, 1>} : memref<4x2x9x9xi1>, memref<1x2x3x3x16xi32>, memref<4x1x5x5x16xi32>
// CHECK-NOT: ->
func.func @scatter(%x: tensor<4x2x9x9xi1>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x4x4x16xf32>,
                   %bx: memref<4x2x9x9xi1>, %bw: memref<1x2x3x3x16xi32>, %bacc: memref<4x1x5x5x16xi32>) -> tensor<4x1x4x4x16xf32> {
  %c0 = arith.constant 0 : index
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%c0, %c0) {stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : tensor<4x2x9x9xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x4x4x16xf32> -> tensor<4x1x4x4x16xf32>
  snn_kernel.event_scatter %bx, %bw into %bacc pad(%c0, %c0) {stride = array<i64: 1, 1>, dilation = array<i64: 2, 2>}
      : memref<4x2x9x9xi1>, memref<1x2x3x3x16xi32>, memref<4x1x5x5x16xi32>
  return %y : tensor<4x1x4x4x16xf32>
}
