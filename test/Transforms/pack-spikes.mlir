// RUN: snn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(snn-pack-spikes{report}),cse)' --verify-diagnostics | FileCheck %s

// Vectors of 8 spikes at indices that are multiples of 8 move whole bytes:
// 4x16 spikes in 8 bytes, and 8 more of zeroed slack.
// CHECK-LABEL: func.func @whole_bytes
// CHECK: %[[P:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xi8>
// CHECK: vector.store %{{.*}}, %[[P]][%c8{{.*}}] : memref<16xi8>, vector<8xi8>
// CHECK: affine.for %[[I:.*]] = 0 to 4
// CHECK: affine.for %[[J:.*]] = 0 to 16 step 8
// CHECK: %[[BYTE:.*]] = affine.apply #{{.*}}(%[[I]], %[[J]])
// CHECK: %[[BITS:.*]] = vector.bitcast %{{.*}} : vector<8xi1> to vector<1xi8>
// CHECK: vector.store %[[BITS]], %[[P]][%[[BYTE]]] : memref<16xi8>, vector<1xi8>
// CHECK: %[[LOADED:.*]] = vector.load %[[P]][%[[BYTE]]] : memref<16xi8>, vector<1xi8>
// CHECK: vector.bitcast %[[LOADED]] : vector<1xi8> to vector<8xi1>
// CHECK: memref.dealloc %[[P]] : memref<16xi8>
func.func @whole_bytes(%spikes: vector<8xi1>, %out: memref<4x16xi1>) {
  %buffer = memref.alloc() {alignment = 64 : i64} : memref<4x16xi1>
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 16 step 8 {
      affine.vector_store %spikes, %buffer[%i, %j] : memref<4x16xi1>, vector<8xi1>
      %back = affine.vector_load %buffer[%i, %j] : memref<4x16xi1>, vector<8xi1>
      affine.vector_store %back, %out[%i, %j] : memref<4x16xi1>, vector<8xi1>
    }
  }
  memref.dealloc %buffer : memref<4x16xi1>
  return
}

// -----

// Loads anywhere: the bytes that hold the spikes, shifted to the first.
// CHECK-LABEL: func.func @loads
// CHECK: %[[P:.*]] = memref.alloc() : memref<16xi8>
// One spike: its byte, shifted by its bit.
// CHECK: %[[B:.*]] = memref.load %[[P]][%{{.*}}] : memref<16xi8>
// CHECK: %[[SHIFT:.*]] = arith.index_castui %{{.*}} : index to i8
// CHECK: %[[S:.*]] = arith.shrui %[[B]], %[[SHIFT]] : i8
// CHECK: %[[BIT:.*]] = arith.andi %[[S]], %c1_i8 : i8
// CHECK: arith.trunci %[[BIT]] : i8 to i1
// 8 spikes from index 8i+1: two bytes as an i16.
// CHECK: %[[TWO:.*]] = vector.load %[[P]][%{{.*}}] : memref<16xi8>, vector<2xi8>
// CHECK: %[[WIDE:.*]] = vector.bitcast %[[TWO]] : vector<2xi8> to vector<1xi16>
// CHECK: %[[WORD:.*]] = vector.extract %[[WIDE]][0] : i16 from vector<1xi16>
// CHECK: %[[SHIFTED:.*]] = arith.shrui %[[WORD]]
// CHECK: %[[EIGHT:.*]] = arith.trunci %[[SHIFTED]] : i16 to i8
// CHECK: %[[V:.*]] = vector.broadcast %[[EIGHT]] : i8 to vector<1xi8>
// CHECK: vector.bitcast %[[V]] : vector<1xi8> to vector<8xi1>
// 4 spikes from a byte's first bit: one byte, each lane shifted to its bit.
// CHECK: %[[ONE:.*]] = memref.load %[[P]][%{{.*}}] : memref<16xi8>
// CHECK: %[[LANE:.*]] = arith.extui %[[ONE]] : i8 to i32
// CHECK: %[[LANES:.*]] = vector.broadcast %[[LANE]] : i32 to vector<4xi32>
// CHECK: %[[POS:.*]] = arith.constant dense<[0, 1, 2, 3]> : vector<4xi32>
// CHECK: %[[SPREAD:.*]] = arith.shrui %[[LANES]], %[[POS]] : vector<4xi32>
// CHECK: arith.trunci %[[SPREAD]] : vector<4xi32> to vector<4xi1>
func.func @loads(%spikes: vector<8xi1>, %k: index) -> (i1, vector<8xi1>, vector<4xi1>) {
  %buffer = memref.alloc() : memref<64xi1>
  %c0 = arith.constant 0 : index
  vector.store %spikes, %buffer[%c0] : memref<64xi1>, vector<8xi1>
  %one = memref.load %buffer[%k] : memref<64xi1>
  %c1 = arith.constant 1 : index
  %eight = vector.load %buffer[%c1] : memref<64xi1>, vector<8xi1>
  %c16 = arith.constant 16 : index
  %four = vector.load %buffer[%c16] : memref<64xi1>, vector<4xi1>
  return %one, %eight, %four : i1, vector<8xi1>, vector<4xi1>
}

// -----

// Views fold into the index: a time step's subview at t * 32, reshaped;
// multiples of 8 through scf.for (lower bound and step) and arith.
// CHECK-LABEL: func.func @views
// CHECK: memref.alloc() : memref<48xi8>
// CHECK-NOT: memref.subview
// CHECK-NOT: memref.collapse_shape
// CHECK: scf.for
// CHECK: vector.bitcast %{{.*}} : vector<16xi1> to vector<2xi8>
// CHECK: vector.store %{{.*}} : memref<48xi8>, vector<2xi8>
func.func @views(%spikes: vector<16xi1>) {
  %buffer = memref.alloc() : memref<10x4x8xi1>
  %c0 = arith.constant 0 : index
  %c10 = arith.constant 10 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  scf.for %t = %c0 to %c10 step %c1 {
    %step = memref.subview %buffer[%t, 0, 0] [1, 4, 8] [1, 1, 1]
        : memref<10x4x8xi1> to memref<4x8xi1, strided<[8, 1], offset: ?>>
    %flat = memref.collapse_shape %step [[0, 1]]
        : memref<4x8xi1, strided<[8, 1], offset: ?>> into memref<32xi1, strided<[1], offset: ?>>
    scf.for %j = %c0 to %c2 step %c1 {
      %at = arith.muli %j, %c8 : index
      %twice = arith.addi %at, %at : index
      vector.store %spikes, %flat[%twice] : memref<32xi1, strided<[1], offset: ?>>, vector<16xi1>
    }
  }
  return
}

// -----

// A store of part of a byte is a read-modify-write of the bytes it touches:
// one spike in its byte; 8 spikes from bit 4 in two bytes as an i16; 2
// spikes gathered from their lanes.
// CHECK-LABEL: func.func @partial_stores
// CHECK: %[[P:.*]] = memref.alloc() : memref<10xi8>
// CHECK: %[[OLD:.*]] = memref.load %[[P]][%{{.*}}] : memref<10xi8>
// CHECK: %[[SPIKE:.*]] = arith.extui %{{.*}} : i1 to i8
// CHECK: %[[BITS:.*]] = arith.shli %[[SPIKE]], %[[SHIFT:.*]] : i8
// CHECK: %[[MASK:.*]] = arith.shli %c1_i8, %[[SHIFT]] : i8
// CHECK: %[[CLEAR:.*]] = arith.xori %[[MASK]], %c-1_i8 : i8
// CHECK: %[[KEPT:.*]] = arith.andi %[[OLD]], %[[CLEAR]] : i8
// CHECK: %[[NEW:.*]] = arith.ori %[[KEPT]], %[[BITS]] : i8
// CHECK: memref.store %[[NEW]], %[[P]][%{{.*}}] : memref<10xi8>
// CHECK: %[[TWO:.*]] = vector.load %[[P]][%{{.*}}] : memref<10xi8>, vector<2xi8>
// CHECK: %[[EIGHT:.*]] = vector.bitcast %{{.*}} : vector<8xi1> to vector<1xi8>
// CHECK: %[[WIDE:.*]] = arith.extui %{{.*}} : i8 to i16
// CHECK: %[[SHIFTED:.*]] = arith.shli %[[WIDE]], %{{.*}} : i16
// CHECK: %[[OR:.*]] = arith.ori %{{.*}}, %[[SHIFTED]] : i16
// CHECK: %[[BACK:.*]] = vector.broadcast %[[OR]] : i16 to vector<1xi16>
// CHECK: %[[BYTES:.*]] = vector.bitcast %[[BACK]] : vector<1xi16> to vector<2xi8>
// CHECK: vector.store %[[BYTES]], %[[P]][%{{.*}}] : memref<10xi8>, vector<2xi8>
// CHECK: %[[PAIR:.*]] = arith.extui %{{.*}} : vector<2xi1> to vector<2xi32>
// CHECK: %[[PLACED:.*]] = arith.shli %[[PAIR]], %{{.*}} : vector<2xi32>
// CHECK: %[[GATHERED:.*]] = vector.reduction <or>, %[[PLACED]] : vector<2xi32> into i32
// CHECK: arith.trunci %[[GATHERED]] : i32 to i16
func.func @partial_stores(%spike: i1, %spikes: vector<8xi1>, %k: index) {
  %buffer = memref.alloc() : memref<16xi1>
  memref.store %spike, %buffer[%k] : memref<16xi1>
  %c4 = arith.constant 4 : index
  vector.store %spikes, %buffer[%c4] : memref<16xi1>, vector<8xi1>
  %pair = vector.extract_strided_slice %spikes {offsets = [0], sizes = [2], strides = [1]}
      : vector<8xi1> to vector<2xi1>
  %c12 = arith.constant 12 : index
  vector.store %pair, %buffer[%c12] : memref<16xi1>, vector<2xi1>
  return
}

// -----

// Threads sharing a parallel loop could interleave read-modify-writes of
// one byte: such a buffer stays one byte per spike.
// CHECK-LABEL: func.func @parallel_partial_store
// CHECK: memref.alloc() : memref<4x6xi1>
func.func @parallel_partial_store(%spikes: vector<2xi1>) {
  // expected-remark @below {{spike buffer stays one byte per spike: a store of part of a byte in a parallel loop}}
  %buffer = memref.alloc() : memref<4x6xi1>
  affine.parallel (%i) = (0) to (4) {
    affine.for %j = 0 to 6 step 2 {
      // expected-note @below {{here}}
      affine.vector_store %spikes, %buffer[%i, %j] : memref<4x6xi1>, vector<2xi1>
    }
  }
  return
}

// -----

// Whole bytes in a parallel loop are safe.
// CHECK-LABEL: func.func @parallel_whole_bytes
// CHECK: memref.alloc() : memref<12xi8>
// CHECK: affine.parallel
// CHECK: vector.store %{{.*}} : memref<12xi8>, vector<1xi8>
func.func @parallel_whole_bytes(%spikes: vector<8xi1>) {
  %buffer = memref.alloc() : memref<4x8xi1>
  affine.parallel (%i) = (0) to (4) {
    affine.vector_store %spikes, %buffer[%i, 0] : memref<4x8xi1>, vector<8xi1>
  }
  return
}

// -----

// A buffer that leaves the function's sight keeps its layout.
// CHECK-LABEL: func.func @escapes
// CHECK: memref.alloc() : memref<16xi1>
func.func private @consume(memref<16xi1>)
func.func @escapes() {
  // expected-remark @below {{spike buffer stays one byte per spike: used by 'func.call'}}
  %buffer = memref.alloc() : memref<16xi1>
  // expected-note @below {{here}}
  func.call @consume(%buffer) : (memref<16xi1>) -> ()
  return
}
