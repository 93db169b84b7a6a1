// RUN: snn-opt %s --snn-order-globals | FileCheck %s

// Private globals are renamed and placed in order of first use, functions in
// module order; a public global and an unused one keep their names.
// CHECK: memref.global "private" constant @__constant_0_4xi8 : memref<4xi8> = dense<2>
// CHECK-NEXT: memref.global "private" constant @__constant_1_2x3xf32 : memref<2x3xf32> = dense<1.000000e+00>
// CHECK-NEXT: memref.global "private" constant @__constant_2_4xi8 : memref<4xi8> = dense<1>
// CHECK-DAG: memref.global @public : memref<4xi8> = dense<3>
// CHECK-DAG: memref.global "private" constant @unused : memref<4xi8> = dense<4>
// CHECK-LABEL: func.func @first
// CHECK: memref.get_global @__constant_0_4xi8
// CHECK: memref.get_global @__constant_1_2x3xf32
// CHECK: memref.get_global @public
// CHECK-LABEL: func.func @second
// CHECK: memref.get_global @__constant_2_4xi8
// CHECK: memref.get_global @__constant_0_4xi8
memref.global "private" constant @__constant_4xi8 : memref<4xi8> = dense<1>
memref.global "private" constant @unused : memref<4xi8> = dense<4>
memref.global "private" constant @__constant_4xi8_0 : memref<4xi8> = dense<2>
memref.global @public : memref<4xi8> = dense<3>
func.func @first() -> (memref<4xi8>, memref<2x3xf32>, memref<4xi8>) {
  %a = memref.get_global @__constant_4xi8_0 : memref<4xi8>
  %b = memref.get_global @__constant_2x3xf32 : memref<2x3xf32>
  %c = memref.get_global @public : memref<4xi8>
  return %a, %b, %c : memref<4xi8>, memref<2x3xf32>, memref<4xi8>
}
func.func @second() -> (memref<4xi8>, memref<4xi8>) {
  %a = memref.get_global @__constant_4xi8 : memref<4xi8>
  %b = memref.get_global @__constant_4xi8_0 : memref<4xi8>
  return %a, %b : memref<4xi8>, memref<4xi8>
}
memref.global "private" constant @__constant_2x3xf32 : memref<2x3xf32> = dense<1.0>
