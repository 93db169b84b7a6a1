// RUN: snn-opt %s --snn-legalize-storage | FileCheck %s

// Spikes and narrow integers live in byte containers: signatures, views and
// copies change type, loads truncate, stores extend (spikes with zeros,
// integers with their sign), vectors included.
// CHECK-LABEL: func.func @accesses
// CHECK-SAME: (%[[S:.*]]: memref<8xi8>, %[[W:.*]]: memref<8xi8>, %[[V:.*]]: memref<4xi16>)
// CHECK: %[[SL:.*]] = memref.load %[[S]][%{{.*}}] : memref<8xi8>
// CHECK: %[[SB:.*]] = arith.trunci %[[SL]] : i8 to i1
// CHECK: %[[WL:.*]] = affine.load %[[W]][0] : memref<8xi8>
// CHECK: %[[WB:.*]] = arith.trunci %[[WL]] : i8 to i4
// CHECK: %[[WX:.*]] = arith.extsi %{{.*}} : i4 to i8
// CHECK: affine.store %[[WX]], %[[W]][1] : memref<8xi8>
// CHECK: %[[FLIP:.*]] = arith.xori %[[SB]]
// CHECK: %[[SX:.*]] = arith.extui %[[FLIP]] : i1 to i8
// CHECK: memref.store %[[SX]], %[[S]][%{{.*}}] : memref<8xi8>
// CHECK: %[[VL:.*]] = affine.vector_load %[[V]][0] : memref<4xi16>, vector<4xi16>
// CHECK: %[[VB:.*]] = arith.trunci %[[VL]] : vector<4xi16> to vector<4xi12>
// CHECK: %[[VS:.*]] = arith.addi %[[VB]], %[[VB]]
// CHECK: %[[VX:.*]] = arith.extsi %[[VS]] : vector<4xi12> to vector<4xi16>
// CHECK: affine.vector_store %[[VX]], %[[V]][0]
// A value loaded from a container goes back unchanged.
// CHECK: %[[SUB:.*]] = memref.subview %[[S]][4] [4] [1] : memref<8xi8> to memref<4xi8, strided<[1], offset: 4>>
// CHECK: %[[COPY:.*]] = vector.load %[[S]][%{{.*}}] : memref<8xi8>, vector<4xi8>
// CHECK-NEXT: arith.trunci
// CHECK-NEXT: vector.store %[[COPY]], %[[SUB]][%{{.*}}]
func.func @accesses(%s: memref<8xi1>, %w: memref<8xi4>, %v: memref<4xi12>) {
  %c0 = arith.constant 0 : index
  %spike = memref.load %s[%c0] : memref<8xi1>
  %weight = affine.load %w[0] : memref<8xi4>
  %neg = arith.subi %weight, %weight : i4
  affine.store %neg, %w[1] : memref<8xi4>
  %true = arith.constant true
  %flip = arith.xori %spike, %true : i1
  memref.store %flip, %s[%c0] : memref<8xi1>
  %vec = affine.vector_load %v[0] : memref<4xi12>, vector<4xi12>
  %twice = arith.addi %vec, %vec : vector<4xi12>
  affine.vector_store %twice, %v[0] : memref<4xi12>, vector<4xi12>
  %sub = memref.subview %s[4] [4] [1] : memref<8xi1> to memref<4xi1, strided<[1], offset: 4>>
  %copy = vector.load %s[%c0] : memref<8xi1>, vector<4xi1>
  vector.store %copy, %sub[%c0] : memref<4xi1, strided<[1], offset: 4>>, vector<4xi1>
  return
}

// Constants: spikes zero-extended, integers sign-extended.
// CHECK: memref.global "private" constant @spikes : memref<3xi8> = dense<[1, 0, 1]>
// CHECK: memref.global "private" constant @weights : memref<2xi8> = dense<[-8, 7]>
memref.global "private" constant @spikes : memref<3xi1> = dense<[true, false, true]>
memref.global "private" constant @weights : memref<2xi4> = dense<[-8, 7]>

// CHECK-LABEL: func.func @globals
// CHECK: memref.get_global @spikes : memref<3xi8>
// CHECK: memref.alloc() : memref<2xi8>
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<2xi8> to memref<2xi8>
func.func @globals() -> i1 {
  %c0 = arith.constant 0 : index
  %g = memref.get_global @spikes : memref<3xi1>
  %w = memref.get_global @weights : memref<2xi4>
  %b = memref.alloc() : memref<2xi4>
  memref.copy %w, %b : memref<2xi4> to memref<2xi4>
  memref.dealloc %b : memref<2xi4>
  %x = memref.load %g[%c0] : memref<3xi1>
  return %x : i1
}

// Types that fill their bytes are left alone.
// CHECK-LABEL: func.func @unchanged
// CHECK-SAME: memref<4xi8>, %{{.*}}: memref<4xf32>
func.func @unchanged(%a: memref<4xi8>, %b: memref<4xf32>) {
  return
}
