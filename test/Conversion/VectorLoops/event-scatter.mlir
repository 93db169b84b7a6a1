// RUN: snn-opt %s --snn-emit-vector-loops='vector-bits=256' -split-input-file -verify-diagnostics | FileCheck %s

// Rows of 70 spikes are scanned as one 64-bit mask and one of 6 bits; each
// set bit, lowest first, adds the 20 weights of its kernel offset (two
// vectors of 8 f32 and one of 4) to the outputs it reaches. With dilation 1
// the loop runs over the output rows a spike reaches (stride 2).
// CHECK-LABEL: func.func @stride2
// CHECK: affine.for %[[IH:.*]] = 0 to 9 {
// CHECK: affine.for %[[IW0:.*]] = 0 to 64 step 64 {
// CHECK: %[[ROW:.*]] = affine.vector_load %{{.*}}[{{.*}}, %[[IH]], %[[IW0]]] : memref<4x2x9x70xi1>, vector<64xi1>
// CHECK: %[[BITS:.*]] = vector.bitcast %[[ROW]] : vector<64xi1> to vector<1xi64>
// CHECK: scf.while
// CHECK: arith.cmpi ne
// CHECK: math.cttz
// CHECK: %[[LO:.*]] = affine.max #{{.*}}(%[[IH]])[%{{.*}}]
// CHECK: %[[HI:.*]] = affine.min #{{.*}}(%[[IH]])[%{{.*}}]
// CHECK: scf.for %{{.*}} = %[[LO]] to %[[HI]]
// CHECK: vector.load {{.*}} : memref<4x1x5x35x20xf32>, vector<8xf32>
// CHECK: arith.addf {{.*}} : vector<8xf32>
// CHECK: vector.load {{.*}} : memref<1x2x3x3x20xf32>, vector<4xf32>
// CHECK: arith.addf {{.*}} : vector<4xf32>
// CHECK: arith.andi
// CHECK: affine.vector_load %{{.*}}[{{.*}}, %[[IH]], 64] : memref<4x2x9x70xi1>, vector<6xi1>
// CHECK: vector.bitcast {{.*}} : vector<6xi1> to vector<1xi6>
// CHECK: arith.extui {{.*}} : i6 to i64
func.func @stride2(%x: memref<4x2x9x70xi1>, %w: memref<1x2x3x3x20xf32>, %acc: memref<4x1x5x35x20xf32>, %p: index) {
  snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : memref<4x2x9x70xi1>, memref<1x2x3x3x20xf32>, memref<4x1x5x35x20xf32>
  return
}

// -----

// With stride 1 the loop runs over the kernel rows (dilation 2); with both
// above 1, over the kernel rows with a divisibility test. Rows of dynamic
// width test one spike at a time. Integer sums add 16 lanes of i16.
// CHECK-LABEL: func.func @dilated
// CHECK: affine.for
// CHECK: affine.load {{.*}} : memref<2x4x?x?xi1>
// CHECK: scf.if
// CHECK: arith.addi {{.*}} : vector<16xi16>
// CHECK-LABEL: func.func @strided_dilated
// CHECK: math.cttz
// CHECK: affine.apply #{{.*}}(%{{.*}}, %{{.*}})
// CHECK: arith.cmpi eq
// CHECK: scf.if
// CHECK: arith.addi {{.*}} : vector<16xi16>
func.func @dilated(%x: memref<2x4x?x?xi1>, %w: memref<2x2x3x3x16xi16>, %acc: memref<2x2x?x?x16xi16>) {
  %c2 = arith.constant 2 : index
  snn_kernel.event_scatter %x, %w into %acc pad(%c2, %c2) {stride = array<i64: 1, 1>, dilation = array<i64: 2, 2>}
      : memref<2x4x?x?xi1>, memref<2x2x3x3x16xi16>, memref<2x2x?x?x16xi16>
  return
}
func.func @strided_dilated(%x: memref<2x4x9x9xi1>, %w: memref<2x2x3x3x16xi16>, %acc: memref<2x2x3x3x16xi16>) {
  %c1 = arith.constant 1 : index
  snn_kernel.event_scatter %x, %w into %acc pad(%c1, %c1) {stride = array<i64: 2, 2>, dilation = array<i64: 2, 2>}
      : memref<2x4x9x9xi1>, memref<2x2x3x3x16xi16>, memref<2x2x3x3x16xi16>
  return
}

// -----

// Weights of dynamic shape cannot be vectorized along the output channels.
func.func @dynamic_weights(%x: memref<2x4x9x9xi1>, %w: memref<2x2x3x3x?xi16>, %acc: memref<2x2x9x9x?xi16>) {
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{cannot be emitted as loops: its weights 'memref<2x2x3x3x?xi16>' must have a static shape}}
  snn_kernel.event_scatter %x, %w into %acc pad(%c1, %c1) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : memref<2x4x9x9xi1>, memref<2x2x3x3x?xi16>, memref<2x2x9x9x?xi16>
  return
}

// -----

// Values other than spikes: a row's events are its elements other than
// zero (unordered compare: a NaN is one), each adds its value times the
// weights.
// CHECK-LABEL: func.func @values
// CHECK: %[[ROW:.*]] = affine.vector_load {{.*}} : memref<3x4x8x8xf32>, vector<8xf32>
// CHECK: %[[EVENTS:.*]] = arith.cmpf une, %[[ROW]], %{{.*}} : vector<8xf32>
// CHECK: vector.bitcast %[[EVENTS]] : vector<8xi1> to vector<1xi8>
// CHECK: math.cttz
// CHECK: %[[X:.*]] = memref.load {{.*}} : memref<3x4x8x8xf32>
// CHECK: %[[XS:.*]] = vector.broadcast %[[X]] : f32 to vector<8xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[XS]], %{{.*}} : vector<8xf32>
// CHECK: arith.addf %{{.*}}, %[[P]] : vector<8xf32>
func.func @values(%x: memref<3x4x8x8xf32>, %w: memref<1x4x3x3x8xf32>, %acc: memref<3x1x8x8x8xf32>) {
  %c1 = arith.constant 1 : index
  snn_kernel.event_scatter %x, %w into %acc pad(%c1, %c1) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : memref<3x4x8x8xf32>, memref<1x4x3x3x8xf32>, memref<3x1x8x8x8xf32>
  return
}
