// Wrong types and shapes: memrefs, unranked and dynamic tensors, a state type
// beyond 32 bits, a wrong result type, empty tensors (zero time steps or
// channels) and tensors whose size overflows 64-bit bit counts.
// RUN: split-file %s %t
// RUN: not snn-opt %t/memref.mlir 2>&1 | FileCheck %s --check-prefix=MEMREF --implicit-check-not=error:
// RUN: not snn-opt %t/unranked.mlir 2>&1 | FileCheck %s --check-prefix=UNRANKED --implicit-check-not=error:
// RUN: not snn-opt %t/dynamic.mlir 2>&1 | FileCheck %s --check-prefix=DYNAMIC --implicit-check-not=error:
// RUN: not snn-opt %t/i64-state.mlir 2>&1 | FileCheck %s --check-prefix=I64-STATE --implicit-check-not=error:
// RUN: not snn-opt %t/wrong-result-type.mlir 2>&1 | FileCheck %s --check-prefix=WRONG-RESULT-TYPE --implicit-check-not=error:
// RUN: not snn-opt %t/zero-time.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-TIME --implicit-check-not=error:
// RUN: not snn-opt %t/zero-chan.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-CHAN --implicit-check-not=error:
// RUN: not snn-opt %t/huge-lif.mlir 2>&1 | FileCheck %s --check-prefix=HUGE-LIF --implicit-check-not=error:
// RUN: not snn-opt %t/huge-dense.mlir 2>&1 | FileCheck %s --check-prefix=HUGE-DENSE --implicit-check-not=error:
// RUN: not snn-opt %t/huge-delay-history.mlir 2>&1 | FileCheck %s --check-prefix=HUGE-DELAY-HISTORY --implicit-check-not=error:

// MEMREF: memref.mlir:2:45: error: custom op 'snn.threshold' invalid kind of type specified: expected builtin.tensor, but found 'memref<4x3xf32>'
// UNRANKED: unranked.mlir:2:45: error: custom op 'snn.threshold' invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'
// DYNAMIC: dynamic.mlir:2:8: error: 'snn.threshold' op expects a statically shaped input, got 'tensor<?x3xf32>'
// I64-STATE: i64-state.mlir:2:8: error: 'snn.lif' op 'state_type' must be f32, f64 or a signless integer of 2 to 32 bits
// WRONG-RESULT-TYPE: wrong-result-type.mlir:2:8: error: 'snn.lif' op expects result element type 'i1' (spikes), got 'f32'
// ZERO-TIME: zero-time.mlir:2:8: error: 'snn.lif' op expects the input to be non-empty, got 'tensor<0x4xf32>'
// ZERO-CHAN: zero-chan.mlir:2:8: error: 'snn.conv2d' op expects the input to be non-empty, got 'tensor<2x0x8x8xi1>'
// HUGE-LIF: huge-lif.mlir:2:8: error: 'snn.lif' op expects the input to hold fewer than 2^63 bits, got 'tensor<4x4611686018427387904x4xf32>'
// HUGE-DENSE: huge-dense.mlir:2:8: error: 'snn.dense' op expects the weight to hold fewer than 2^63 bits, got 'tensor<4294967296x4294967296xi8>'
// HUGE-DELAY-HISTORY: huge-delay-history.mlir:2:12: error: 'snn.delay' op expects the history to hold fewer than 2^63 bits, got 'tensor<4611686018427387904x3xi1>'

//--- memref.mlir
func.func @f(%x: memref<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.threshold %x {threshold = 1.0} : memref<4x3xf32> -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- unranked.mlir
func.func @f(%x: tensor<*xf32>) -> tensor<*xi1> {
  %0 = snn.threshold %x {threshold = 1.0} : tensor<*xf32> -> tensor<*xi1>
  return %0 : tensor<*xi1>
}
//--- dynamic.mlir
func.func @f(%x: tensor<?x3xf32>) -> tensor<?x3xi1> {
  %0 = snn.threshold %x {threshold = 1.0} : tensor<?x3xf32> -> tensor<?x3xi1>
  return %0 : tensor<?x3xi1>
}
//--- i64-state.mlir
func.func @f(%x: tensor<4x3xi8>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {threshold = 1.0, state_type = i64} : (tensor<4x3xi8>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- wrong-result-type.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
//--- zero-time.mlir
func.func @f(%x: tensor<0x4xf32>) -> tensor<0x4xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<0x4xf32>) -> tensor<0x4xi1>
  return %s : tensor<0x4xi1>
}
//--- zero-chan.mlir
func.func @f(%x: tensor<2x0x8x8xi1>, %w: tensor<4x0x3x3xi8>) -> tensor<2x4x6x6xi16> {
  %0 = snn.conv2d %x, %w : (tensor<2x0x8x8xi1>, tensor<4x0x3x3xi8>) -> tensor<2x4x6x6xi16>
  return %0 : tensor<2x4x6x6xi16>
}
//--- huge-lif.mlir
func.func @f(%x: tensor<4x4611686018427387904x4xf32>) -> tensor<4x4611686018427387904x4xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x4611686018427387904x4xf32>) -> tensor<4x4611686018427387904x4xi1>
  return %s : tensor<4x4611686018427387904x4xi1>
}
//--- huge-dense.mlir
func.func @f(%x: tensor<1x4294967296xi1>, %w: tensor<4294967296x4294967296xi8>) -> tensor<1x4294967296xi16> {
  %0 = snn.dense %x, %w : (tensor<1x4294967296xi1>, tensor<4294967296x4294967296xi8>) -> tensor<1x4294967296xi16>
  return %0 : tensor<1x4294967296xi16>
}
//--- huge-delay-history.mlir
func.func @f(%x: tensor<4x3xi1>, %h: tensor<4611686018427387904x3xi1>) -> tensor<4x3xi1> {
  %0, %1 = snn.delay %x init(%h) {steps = 4611686018427387904} : (tensor<4x3xi1>, tensor<4611686018427387904x3xi1>) -> (tensor<4x3xi1>, tensor<4611686018427387904x3xi1>)
  return %0 : tensor<4x3xi1>
}
