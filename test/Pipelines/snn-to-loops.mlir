// The lowering of the tour's network, as a schedule-free layer-by-layer
// program and fused in row bands: affine loop nests of vector operations for
// 256-bit registers, no copy of a padded input; layer by layer, every
// buffer is allocated once at the start of the function.
// RUN: snn-opt %snn_src/examples/tour/net.mlir --snn-to-loops='vector-bits=256 parallel=false' > %t.net
// RUN: FileCheck %s --input-file=%t.net
// RUN: %python %S/Inputs/allocs_outside_loops.py < %t.net | FileCheck %s --check-prefix=ALLOCS
// RUN: snn-opt %snn_src/examples/tour/fused.mlir --snn-to-loops='vector-bits=256 parallel=false' > %t.fused
// RUN: FileCheck %s --input-file=%t.fused --check-prefix=FUSED

// Spikes are bytes at the boundary; convolutions accumulate 16 output
// channels of i16 per vector, weights packed once outside the time loop.
// CHECK-LABEL: func.func @main
// CHECK-SAME: memref<8x2x16x16xi8>
// CHECK: affine.for
// CHECK: scf.for %{{.*}} = %c0 to %c8
// CHECK: affine.vector_load {{.*}} vector<8xi16>
// CHECK: arith.andi {{.*}} : vector<8xi16>
// CHECK-NOT: linalg.
// CHECK-NOT: memref.copy
// CHECK-NOT: tensor.pad

// FUSED-LABEL: func.func @main
// FUSED: scf.for
// FUSED: affine.vector_load
// FUSED-NOT: memref.copy

// ALLOCS: allocations, none inside a loop
