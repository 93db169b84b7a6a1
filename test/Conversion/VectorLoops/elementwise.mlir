// RUN: snn-opt %s --snn-emit-vector-loops='vector-bits=256 report=true' -split-input-file -verify-diagnostics | FileCheck %s

// An element-wise op on f32: lanes along the contiguous last loop, 8 per
// 256-bit register, two vectors per step; 20 = 16 + 4 leaves a narrower
// vector at the end. Rows and columns of one contiguous buffer merge into
// one loop, the outermost loop stays.
// CHECK-LABEL: func.func @add
// CHECK: %[[A:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : memref<3x4x20xf32> into memref<3x80xf32>
// CHECK: affine.for %[[I:.*]] = 0 to 3 {
// CHECK-NEXT: affine.for %[[J:.*]] = 0 to 80 step 16 {
// CHECK: affine.vector_load %{{.*}}[%[[I]], %[[J]]] : memref<3x80xf32>, vector<8xf32>
// CHECK: arith.addf %{{.*}} : vector<8xf32>
// CHECK: affine.vector_store %{{.*}}, %{{.*}}[%[[I]], %[[J]]] : memref<3x80xf32>, vector<8xf32>
// CHECK: affine.vector_load %{{.*}}[%[[I]], %[[J]] + 8] : memref<3x80xf32>, vector<8xf32>
// CHECK: affine.vector_store %{{.*}}, %{{.*}}[%[[I]], %[[J]] + 8] : memref<3x80xf32>, vector<8xf32>
func.func @add(%a: memref<3x4x20xf32>, %b: memref<3x4x20xf32>, %c: memref<3x4x20xf32>) {
  // expected-remark @+1 {{vectorized: lanes d1 x8 (2 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a, %b : memref<3x4x20xf32>, memref<3x4x20xf32>) outs(%c : memref<3x4x20xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A strided row cannot merge with the next; its 20 columns run as a vector
// of 16 (the i16 input sets the width) and a vector of 4. A per-row
// parameter is loaded and broadcast; i1 results are vectors of i1.
// CHECK-LABEL: func.func @tails
// CHECK: affine.for %[[I:.*]] = 0 to 3 {
// CHECK: %[[P:.*]] = affine.load %{{.*}}[%[[I]]] : memref<3xi16>
// CHECK: %[[PB:.*]] = vector.broadcast %[[P]] : i16 to vector<16xi16>
// CHECK: arith.cmpi sgt, %{{.*}}, %[[PB]] : vector<16xi16>
// CHECK: affine.vector_store %{{.*}}, %{{.*}}[%[[I]], 0] : memref<3x20xi1>, vector<16xi1>
// CHECK: vector.broadcast %{{.*}} : i16 to vector<4xi16>
// CHECK: affine.vector_store %{{.*}}, %{{.*}}[%[[I]], 16] : memref<3x20xi1>, vector<4xi1>
func.func @tails(%a: memref<3x20xi16, strided<[32, 1]>>, %p: memref<3xi16>, %c: memref<3x20xi1>) {
  // expected-remark @+1 {{vectorized: lanes d1 x16 (1 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>,
                                   affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %p : memref<3x20xi16, strided<[32, 1]>>, memref<3xi16>) outs(%c : memref<3x20xi1>) {
  ^bb0(%x: i16, %y: i16, %z: i1):
    %s = arith.cmpi sgt, %x, %y : i16
    linalg.yield %s : i1
  }
  return
}

// -----

// Lanes along a loop an input moves across with a stride: that input is
// gathered lane by lane.
// CHECK-LABEL: func.func @gather
// CHECK: affine.for %[[I:.*]] = 0 to 4 {
// CHECK-COUNT-8: affine.load %{{.*}} : memref<8x4xf32>
// CHECK: vector.from_elements %{{.*}} : vector<8xf32>
// CHECK: affine.vector_store %{{.*}}, %{{.*}}[%[[I]], 0] : memref<4x8xf32>, vector<8xf32>
func.func @gather(%a: memref<8x4xf32>, %c: memref<4x8xf32>) {
  // expected-remark @+1 {{vectorized: lanes d1 x8 (1 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<8x4xf32>) outs(%c : memref<4x8xf32>) {
  ^bb0(%x: f32, %z: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// A dynamic extent: its end is a symbol, full vectors run up to the last
// multiple of the step, then one element at a time.
// CHECK-DAG: #[[LAST:.*]] = affine_map<()[s0] -> ((s0 floordiv 16) * 16)>
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[N:.*]] = affine.max
// CHECK: affine.for %{{.*}} = 0 to #[[LAST]]()[%[[N]]] step 16 {
// CHECK: affine.vector_load {{.*}} vector<8xf32>
// CHECK: affine.for %{{.*}} = #[[LAST]]()[%[[N]]] to %[[N]] {
// CHECK: affine.load
func.func @dynamic(%a: memref<?xf32>, %c: memref<?xf32>) {
  // expected-remark @+1 {{vectorized: lanes d0 x8 (2 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%c : memref<?xf32>) {
  ^bb0(%x: f32, %z: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  }
  return
}

// -----

// vector-bits=256 still builds a loop of scalars where one element is all
// there is along the lanes; named ops are generalized first.
// CHECK-LABEL: func.func @fill
// CHECK: affine.for %{{.*}} = 0 to 5 {
// CHECK: affine.store %{{.*}} : memref<5x1xi32>
func.func @fill(%c: memref<5x1xi32>) {
  %zero = arith.constant 0 : i32
  // expected-remark @+1 {{vectorized: scalar}}
  linalg.fill ins(%zero : i32) outs(%c : memref<5x1xi32>)
  return
}

// -----

func.func @not_elementwise(%a: memref<8xf32>, %c: memref<8xf32>) {
  // expected-remark @+2 {{vectorized: lanes d0 x8 (1 vectors)}}
  // expected-error @+1 {{cannot vectorize the body op 'tensor.from_elements'}}
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%c : memref<8xf32>) {
  ^bb0(%x: f32, %z: f32):
    %t = tensor.from_elements %x : tensor<1xf32>
    %c0 = arith.constant 0 : index
    %e = tensor.extract %t[%c0] : tensor<1xf32>
    linalg.yield %e : f32
  }
  return
}

// -----

func.func @tensors(%a: tensor<8xf32>, %c: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{cannot be emitted as loops: operands must be buffers (bufferize first)}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : tensor<8xf32>) outs(%c : tensor<8xf32>) {
  ^bb0(%x: f32, %z: f32):
    linalg.yield %x : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A transpose: the channels-last accumulators [h, w, c] of a convolution
// read by an update laid out channels-first, [c, h, w]. Rows and columns
// merge; the lanes run along them and gather the input; the channel loop
// runs inside the lanes, so the lines the vectors gather serve all 32
// channels before they leave the cache.
// CHECK-LABEL: func.func @transpose
// CHECK: %[[IN:.*]] = memref.collapse_shape %{{.*}} : memref<4x16x32xi16> into memref<64x32xi16>
// CHECK: %[[OUT:.*]] = memref.collapse_shape %{{.*}} : memref<32x4x16xi16> into memref<32x64xi16>
// CHECK: affine.for %[[P:.*]] = 0 to 64 step 32 {
// CHECK-NEXT: affine.for %[[C:.*]] = 0 to 32 {
// CHECK-NEXT: affine.load %[[IN]][%[[P]], %[[C]]] : memref<64x32xi16>
// CHECK: affine.load %[[IN]][%[[P]] + 15, %[[C]]] : memref<64x32xi16>
// CHECK: vector.from_elements
// CHECK: affine.vector_store %{{.*}}, %[[OUT]][%[[C]], %[[P]]] : memref<32x64xi16>, vector<16xi16>
// CHECK: affine.vector_store %{{.*}}, %[[OUT]][%[[C]], %[[P]] + 16] : memref<32x64xi16>, vector<16xi16>
func.func @transpose(%acc: memref<4x16x32xi16>, %out: memref<32x4x16xi16>) {
  // expected-remark @+1 {{vectorized: lanes d1 x16 (2 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2, d0)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%acc : memref<4x16x32xi16>) outs(%out : memref<32x4x16xi16>) {
  ^bb0(%x: i16, %y: i16):
    linalg.yield %x : i16
  }
  return
}
