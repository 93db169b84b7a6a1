// Cycles without a delay (a value used before it is defined, also inside a
// fusion group), truncated files and unknown attributes and dialects.
// RUN: split-file %s %t
// RUN: not snn-opt %t/use-before-def.mlir 2>&1 | FileCheck %s --check-prefix=USE-BEFORE-DEF --implicit-check-not=error:
// RUN: not snn-opt %t/self-cycle.mlir 2>&1 | FileCheck %s --check-prefix=SELF-CYCLE --implicit-check-not=error:
// RUN: not snn-opt %t/group-cycle.mlir 2>&1 | FileCheck %s --check-prefix=GROUP-CYCLE --implicit-check-not=error:
// RUN: not snn-opt %t/truncated-type.mlir 2>&1 | FileCheck %s --check-prefix=TRUNCATED-TYPE --implicit-check-not=error:
// RUN: not snn-opt %t/truncated-func.mlir 2>&1 | FileCheck %s --check-prefix=TRUNCATED-FUNC --implicit-check-not=error:
// RUN: not snn-opt %t/unknown-attr.mlir 2>&1 | FileCheck %s --check-prefix=UNKNOWN-ATTR --implicit-check-not=error:
// RUN: not snn-opt %t/unknown-dialect.mlir 2>&1 | FileCheck %s --check-prefix=UNKNOWN-DIALECT --implicit-check-not=error:

// USE-BEFORE-DEF: use-before-def.mlir:2:8: error: operand #1 does not dominate this use
// SELF-CYCLE: self-cycle.mlir:2:8: error: operand #1 does not dominate this use
// GROUP-CYCLE: group-cycle.mlir:4:10: error: operand #1 does not dominate this use
// TRUNCATED-TYPE: truncated-type.mlir:1:29: error: expected non-function type
// TRUNCATED-FUNC: truncated-func.mlir:2:92: error: expected operation name in quotes
// UNKNOWN-ATTR: unknown-attr.mlir:2:58: error: unknown attribute `bogus` in dialect `snn`
// UNKNOWN-DIALECT: unknown-dialect.mlir:2:8: error: Dialect `spikes' not found for custom op 'spikes.fire' 

//--- use-before-def.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %a = snn.add %x, %s : tensor<4x3xf32>, tensor<4x3xi1> -> tensor<4x3xf32>
  %s = snn.lif %a {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}
//--- self-cycle.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %a = snn.add %x, %a : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
  return %a : tensor<4x3xf32>
}
//--- group-cycle.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %r = snn.group(%x) {schedule = #snn.schedule<group = 0>} : (tensor<4x3xf32>) -> tensor<4x3xi1> {
  ^bb0(%a: tensor<4x3xf32>):
    %b = snn.add %a, %s : tensor<4x3xf32>, tensor<4x3xi1> -> tensor<4x3xf32>
    %s = snn.lif %b {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
    snn.yield %s : tensor<4x3xi1>
  }
  return %r : tensor<4x3xi1>
}
//--- truncated-type.mlir
func.func @f(%x: tensor<4x3xf3
//--- truncated-func.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
//--- unknown-attr.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.threshold %x {threshold = 1.0, compare = #snn.bogus<gt>} : tensor<4x3xf32> -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- unknown-dialect.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = spikes.fire %x : tensor<4x3xf32> -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
