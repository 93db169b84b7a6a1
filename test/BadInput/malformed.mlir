// Malformed, truncated and garbled input gets a diagnostic with its location
// and a non-zero exit, never a crash.
// RUN: split-file %s %t
// RUN: not snn-opt %t/truncated.mlir 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: not snn-opt %t/unknown-op.mlir 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not snn-opt %t/garbled.mlir 2>&1 | FileCheck %s --check-prefix=GARBLED
// RUN: not snn-opt %t/bad-attr.mlir 2>&1 | FileCheck %s --check-prefix=ATTR
// RUN: not snn-opt %t/bad-enum.mlir 2>&1 | FileCheck %s --check-prefix=ENUM
// RUN: not snn-opt %t/shape.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not snn-opt %t/wide-int.mlir 2>&1 | FileCheck %s --check-prefix=WIDE
// RUN: not snn-run %t/shape.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE

// TRUNCATED: truncated.mlir:2:45: error: expected '}' in attribute dictionary
// UNKNOWN: unknown-op.mlir:2:8: error: custom op 'snn.spike_magic' is unknown
// GARBLED: garbled.mlir:1:1: error: unexpected character
// ATTR: bad-attr.mlir:2:66: error: expected ::mlir::snn::Compare to be one of: gt, ge
// ENUM: bad-enum.mlir:2:56: error: expected ::mlir::snn::ResetMode to be one of: subtract, zero, to_value, none
// SHAPE: shape.mlir:2:8: error: 'snn.conv2d' op expects result of shape [2, 4, 6, 6], got [2, 4, 7, 7]
// WIDE: wide-int.mlir:1:42: error: 'snn.relu' op operand #0 must be ranked tensor of signless integer of at most 32 bits or 32-bit float or 64-bit float values

//--- truncated.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %s = snn.lif %x {threshold = 1.0, state_ty
//--- unknown-op.mlir
func.func @f(%x: tensor<4x3xf32>) {
  %s = snn.spike_magic %x : tensor<4x3xf32>
  return
}
//--- garbled.mlir
\x00\x13 ^^^ func.func @@ {{ %%
//--- bad-attr.mlir
func.func @f(%x: tensor<4x3xf32>) {
  %s = snn.threshold %x {threshold = 1.0, compare = #snn.compare<lt>} : tensor<4x3xf32> -> tensor<4x3xi1>
  return
}
//--- bad-enum.mlir
func.func @f(%x: tensor<4x3xf32>) {
  %s = snn.lif %x {threshold = 1.0, reset = #snn.reset<bounce>, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return
}
//--- shape.mlir
func.func @main(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>) -> tensor<2x4x7x7xi16> {
  %0 = snn.conv2d %x, %w : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<2x4x7x7xi16>
  return %0 : tensor<2x4x7x7xi16>
}
//--- wide-int.mlir
func.func @f(%x: tensor<4x3xi64>) { %s = snn.relu %x : tensor<4x3xi64> -> tensor<4x3xi64>
  return
}
