// RUN: snn-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(snn-hoist-buffers))' | FileCheck %s

// A step's temporary buffer is allocated once, before the loops, and serves
// every iteration.
// CHECK-LABEL: func.func @temporary
// CHECK-NEXT: %[[B:.*]] = memref.alloc() : memref<4xf32>
// CHECK: scf.for
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill {{.*}} outs(%[[B]] : memref<4xf32>)
func.func @temporary(%out: memref<8x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  scf.for %t = %c0 to %c8 step %c1 {
    %tmp = memref.alloc() : memref<4xf32>
    linalg.fill ins(%zero : f32) outs(%tmp : memref<4xf32>)
    %row = memref.subview %out[%t, 0] [1, 4] [1, 1] : memref<8x4xf32> to memref<4xf32, strided<[1], offset: ?>>
    memref.copy %tmp, %row : memref<4xf32> to memref<4xf32, strided<[1], offset: ?>>
  }
  return
}

// -----

// A buffer a loop yields (a delay line's new history) lives on after its
// iteration: it stays where it is, as does one of dynamic size.
// CHECK-LABEL: func.func @escaping
// CHECK: scf.for
// CHECK: memref.alloc() : memref<4xf32>
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
func.func @escaping(%init: memref<4xf32>, %n: index) -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %r = scf.for %t = %c0 to %c8 step %c1 iter_args(%h = %init) -> (memref<4xf32>) {
    %next = memref.alloc() : memref<4xf32>
    memref.copy %h, %next : memref<4xf32> to memref<4xf32>
    %dyn = memref.alloc(%n) : memref<?xf32>
    memref.dealloc %dyn : memref<?xf32>
    scf.yield %next : memref<4xf32>
  }
  return %r : memref<4xf32>
}

// -----

// A state updated out of place: each iteration reads the old buffer, writes
// a fresh one and yields it. The two buffers rotate: both are allocated
// before the loop, which carries them and yields them swapped.
// CHECK-LABEL: func.func @rotating
// CHECK: %[[INIT:.*]] = memref.alloc() : memref<4xf32>
// CHECK: linalg.fill {{.*}} outs(%[[INIT]] : memref<4xf32>)
// CHECK: %[[SPARE:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[R:.*]]:2 = scf.for {{.*}} iter_args(%[[OLD:.*]] = %[[INIT]], %[[NEW:.*]] = %[[SPARE]])
// CHECK-NOT: memref.alloc
// CHECK: linalg.generic {{.*}} ins(%[[OLD]] : memref<4xf32>) outs(%[[NEW]] : memref<4xf32>)
// CHECK: scf.yield %[[NEW]], %[[OLD]]
// CHECK: memref.copy %[[R]]#0, %{{.*}}
func.func @rotating(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %init = memref.alloc() : memref<4xf32>
  linalg.fill ins(%zero : f32) outs(%init : memref<4xf32>)
  %r = scf.for %t = %c0 to %c8 step %c1 iter_args(%v = %init) -> (memref<4xf32>) {
    %next = memref.alloc() : memref<4xf32>
    linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                    iterator_types = ["parallel"]}
        ins(%v : memref<4xf32>) outs(%next : memref<4xf32>) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %a : f32
      linalg.yield %s : f32
    }
    scf.yield %next : memref<4xf32>
  }
  memref.copy %r, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// The initial buffer is read after the loop: it does not die into the loop,
// so nothing rotates and the fresh buffer stays in the loop.
// CHECK-LABEL: func.func @init_read_after
// CHECK: scf.for
// CHECK-NEXT: memref.alloc() : memref<4xf32>
func.func @init_read_after(%out: memref<4xf32>, %out2: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %init = memref.alloc() : memref<4xf32>
  %r = scf.for %t = %c0 to %c8 step %c1 iter_args(%v = %init) -> (memref<4xf32>) {
    %next = memref.alloc() : memref<4xf32>
    memref.copy %v, %next : memref<4xf32> to memref<4xf32>
    scf.yield %next : memref<4xf32>
  }
  memref.copy %r, %out : memref<4xf32> to memref<4xf32>
  memref.copy %init, %out2 : memref<4xf32> to memref<4xf32>
  return
}
