// RUN: snn-opt %s --snn-copies-to-linalg | FileCheck %s --implicit-check-not=memref.copy

// Every memref.copy, strided or not, becomes a linalg.copy of the same
// buffers.
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[STRIDED:.*]]: memref<4x4xf32, strided<[8, 1]>>, %[[DENSE:.*]]: memref<4x4xf32>, %[[OUT:.*]]: memref<4x4xf32>)
// CHECK-NEXT: linalg.copy ins(%[[STRIDED]] : memref<4x4xf32, strided<[8, 1]>>) outs(%[[OUT]] : memref<4x4xf32>)
// CHECK-NEXT: linalg.copy ins(%[[DENSE]] : memref<4x4xf32>) outs(%[[OUT]] : memref<4x4xf32>)
// CHECK-NEXT: return
func.func @copies(%strided: memref<4x4xf32, strided<[8, 1]>>, %dense: memref<4x4xf32>,
                  %out: memref<4x4xf32>) {
  memref.copy %strided, %out : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32>
  memref.copy %dense, %out : memref<4x4xf32> to memref<4x4xf32>
  return
}
