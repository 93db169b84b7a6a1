// RUN: snn-opt %s --snn-emit-vector-loops='vector-bits=256 report=true' --canonicalize -split-input-file -verify-diagnostics | FileCheck %s
// RUN: snn-opt %s --snn-emit-vector-loops='vector-bits=256 threads=true report=true' -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=THREADS

// A convolution with its lanes across 16 output channels (two vectors of 8
// f32) and its columns unrolled: accumulators stay in registers across the
// reduction loops, each weight vector serves every column of the block,
// each input value is broadcast once for all channels. The column taps (the
// reduction loop the window couples with the columns) are unrolled too, so
// that the block's 4 columns and 3 taps read 6 input columns, not 12. The
// window clips the row loop (bounds from the output row) and splits the
// columns into a left border, an interior without clipping, and a right
// border.
// CHECK-DAG: #[[ROWLO:.*]] = affine_map<(d0) -> (0, -d0 + 1)>
// CHECK-DAG: #[[ROWHI:.*]] = affine_map<(d0) -> (3, -d0 + 9)>
// CHECK-LABEL: func.func @conv
// CHECK: affine.for %[[OH:.*]] = 0 to 8 {
// Left border: column 0 reads column taps 1 and 2 only.
// CHECK: %{{.*}}:2 = affine.for %{{.*}} = 0 to 2 iter_args
// CHECK: affine.for %[[KH:.*]] = max #[[ROWLO]](%[[OH]]) to min #[[ROWHI]](%[[OH]]) iter_args
// CHECK-NOT: affine.for
// CHECK: affine.vector_load %{{.*}}[%{{.*}}, %[[KH]], 1, 0]
// CHECK-NOT: affine.for
// CHECK: affine.vector_load %{{.*}}[%{{.*}}, %[[KH]], 2, 0]
// CHECK: affine.yield
// Interior, columns 1 to 4 at once: 2 vectors x 4 columns of accumulators,
// input columns 0 to 5 loaded and broadcast once each.
// CHECK: %{{.*}}:8 = affine.for %{{.*}} = 0 to 2 iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK: affine.for %{{.*}} = max #[[ROWLO]](%[[OH]]) to min #[[ROWHI]](%[[OH]]) iter_args
// CHECK-NOT: affine.for
// CHECK: %[[W0:.*]] = affine.vector_load %{{.*}} : memref<2x3x3x16xf32>, vector<8xf32>
// CHECK: %[[X0:.*]] = vector.broadcast
// CHECK: math.fma %[[X0]], %[[W0]]
// CHECK: %[[W1:.*]] = affine.vector_load %{{.*}} : memref<2x3x3x16xf32>, vector<8xf32>
// CHECK: math.fma %[[X0]], %[[W1]]
// CHECK-COUNT-5: vector.broadcast
// CHECK-NOT: vector.broadcast
// CHECK: affine.yield
// Columns 5 and 6, then the right border, column 7 (taps 0 and 1).
// CHECK: %{{.*}}:4 = affine.for %{{.*}} = 0 to 2 iter_args
// CHECK: %{{.*}}:2 = affine.for %{{.*}} = 0 to 2 iter_args
// CHECK: affine.for %{{.*}} = max #[[ROWLO]](%[[OH]]) to min #[[ROWHI]](%[[OH]]) iter_args
// CHECK-NOT: affine.for
// CHECK: affine.yield
func.func @conv(%x: memref<2x8x8xf32>, %w: memref<2x3x3x16xf32>, %acc: memref<8x8x16xf32>) {
  // expected-remark @+1 {{vectorized: lanes d2 x8 (2 vectors), block d1 x4}}
  snn_kernel.generic {
      indexing_maps = [affine_map<(oh, ow, k, c, kh, kw) -> (c, oh + kh - 1, ow + kw - 1)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (c, kh, kw, k)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (oh, ow, k)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>,
                        #linalg.iterator_type<reduction>, #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>, snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 2, block = 1>}
      ins(%x, %w : memref<2x8x8xf32>, memref<2x3x3x16xf32>) outs(%acc : memref<8x8x16xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %r = math.fma %a, %b, %c : f32
    snn_kernel.yield %r : f32
  }
  return
}

// -----

// The offset of a window can be a symbol: the row bounds read it. Its
// extent is dynamic too.
// CHECK-DAG: #[[LO:.*]] = affine_map<(d0)[s0] -> (0, -d0 + s0)>
// CHECK-DAG: #[[HI:.*]] = affine_map<(d0)[s0, s1] -> (3, -d0 + s0 + s1)>
// CHECK-LABEL: func.func @symbol
// CHECK-SAME: %[[S:[^:]*]]: index)
// CHECK: %[[ROWS:.*]] = memref.dim
// CHECK: affine.for %[[OH:.*]] = 0 to 4 {
// CHECK: affine.for %{{.*}} = max #[[LO]](%[[OH]])[%[[S]]] to min #[[HI]](%[[OH]])[%[[S]], %[[ROWS]]]
func.func @symbol(%x: memref<?x8xi16>, %w: memref<3x16xi16>, %acc: memref<4x8x16xi16>, %s: index) {
  // expected-remark @+1 {{vectorized: lanes d2 x16 (1 vectors)}}
  snn_kernel.generic {
      indexing_maps = [affine_map<(oh, ow, k, kh)[s0] -> (oh + kh - s0, ow)>,
                       affine_map<(oh, ow, k, kh)[s0] -> (kh, k)>,
                       affine_map<(oh, ow, k, kh)[s0] -> (oh, ow, k)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>}
      ins(%x, %w : memref<?x8xi16>, memref<3x16xi16>) outs(%acc : memref<4x8x16xi16>) symbols(%s) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    %m = arith.muli %a, %b : i16
    %r = arith.addi %c, %m : i16
    snn_kernel.yield %r : i16
  }
  return
}

// -----

// With threads the outermost loop of more than one iteration is shared,
// when the op is large enough (here 64 x 64 x 64 x 64 points).
// THREADS-LABEL: func.func @threads
// THREADS: affine.parallel (%{{.*}}) = (0) to (64) {
// THREADS-NOT: affine.parallel
// THREADS-LABEL: func.func @conv_small
// THREADS-NOT: affine.parallel
func.func @threads(%a: memref<64x64x64xf32>, %b: memref<64x64xf32>, %c: memref<64x64x64xf32>) {
  // expected-remark @+1 {{vectorized: lanes d2 x8 (2 vectors), block d1 x4}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>,
                                   affine_map<(d0, d1, d2, d3) -> (d3, d2)>,
                                   affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<64x64x64xf32>, memref<64x64xf32>) outs(%c : memref<64x64x64xf32>)
      attrs = {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 2, block = 1>} {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %r = math.fma %x, %y, %z : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A small op stays on one thread.
func.func @conv_small(%a: memref<4x8xf32>, %c: memref<4x8xf32>) {
  // expected-remark @+1 {{vectorized: lanes d1 x8 (1 vectors)}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32>) outs(%c : memref<4x8xf32>) {
  ^bb0(%x: f32, %z: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// Blocked along the rows (a band one column wide), a convolution whose sums
// are integers may run its reductions in any order: the kernel rows, which
// the window couples with the block, become the innermost loop and are
// unrolled, so that 8 output rows and 3 kernel rows read 10 input rows.
// CHECK-LABEL: func.func @rows_integer
// CHECK: affine.for %{{.*}} = 1 to 17 step 8 {
// CHECK: %{{.*}}:8 = affine.for %{{.*}} = 0 to 2 iter_args
// CHECK-NEXT: %{{.*}}:8 = affine.for %{{.*}} = 0 to 3 iter_args
// CHECK-NOT: affine.for
// CHECK-COUNT-10: vector.broadcast
// CHECK-NOT: vector.broadcast
// CHECK: affine.yield
func.func @rows_integer(%x: memref<2x18x3xi16>, %w: memref<2x3x3x16xi16>, %acc: memref<18x1x16xi16>) {
  // expected-remark @+1 {{vectorized: lanes d2 x16 (1 vectors), block d0 x8}}
  snn_kernel.generic {
      indexing_maps = [affine_map<(oh, ow, k, c, kh, kw) -> (c, oh + kh - 1, ow + kw)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (c, kh, kw, k)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (oh, ow, k)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>,
                        #linalg.iterator_type<reduction>, #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>, snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 2, block = 1>}
      ins(%x, %w : memref<2x18x3xi16>, memref<2x3x3x16xi16>) outs(%acc : memref<18x1x16xi16>) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    %m = arith.andi %a, %b : i16
    %r = arith.addi %c, %m : i16
    snn_kernel.yield %r : i16
  }
  return
}

// -----

// The same in floats: the sums' order is the semantics' (input channel,
// kernel row, kernel column), so the loops keep it and nothing is unrolled.
// CHECK-LABEL: func.func @rows_float
// CHECK: affine.for %{{.*}} = 1 to 17 step 4 {
// CHECK: affine.for %{{.*}} = 0 to 2 iter_args
// CHECK-NEXT: affine.for %{{.*}} = 0 to 3 iter_args
// CHECK-NEXT: affine.for %{{.*}} = 0 to 3 iter_args
func.func @rows_float(%x: memref<2x18x3xf32>, %w: memref<2x3x3x16xf32>, %acc: memref<18x1x16xf32>) {
  // expected-remark @+1 {{vectorized: lanes d2 x8 (2 vectors), block d0 x4}}
  snn_kernel.generic {
      indexing_maps = [affine_map<(oh, ow, k, c, kh, kw) -> (c, oh + kh - 1, ow + kw)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (c, kh, kw, k)>,
                       affine_map<(oh, ow, k, c, kh, kw) -> (oh, ow, k)>],
      iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>,
                        #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>,
                        #linalg.iterator_type<reduction>, #linalg.iterator_type<reduction>],
      windowed = array<i1: true, false>, snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 2, block = 1>}
      ins(%x, %w : memref<2x18x3xf32>, memref<2x3x3x16xf32>) outs(%acc : memref<18x1x16xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %r = math.fma %a, %b, %c : f32
    snn_kernel.yield %r : f32
  }
  return
}
