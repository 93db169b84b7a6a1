// Attributes out of range: negative, zero, huge (beyond 64-bit extents) and
// NaN/infinite values each get one error with its location and a non-zero
// exit, never a crash or an overflow.
// RUN: split-file %s %t
// RUN: not snn-opt %t/neg-stride.mlir 2>&1 | FileCheck %s --check-prefix=NEG-STRIDE --implicit-check-not=error:
// RUN: not snn-opt %t/zero-kernel.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-KERNEL --implicit-check-not=error:
// RUN: not snn-opt %t/huge-padding.mlir 2>&1 | FileCheck %s --check-prefix=HUGE-PADDING --implicit-check-not=error:
// RUN: not snn-opt %t/huge-dilation.mlir 2>&1 | FileCheck %s --check-prefix=HUGE-DILATION --implicit-check-not=error:
// RUN: not snn-opt %t/zero-groups.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-GROUPS --implicit-check-not=error:
// RUN: not snn-opt %t/neg-delay.mlir 2>&1 | FileCheck %s --check-prefix=NEG-DELAY --implicit-check-not=error:
// RUN: not snn-opt %t/neg-schedule.mlir 2>&1 | FileCheck %s --check-prefix=NEG-SCHEDULE --implicit-check-not=error:
// RUN: not snn-opt %t/nan-threshold.mlir 2>&1 | FileCheck %s --check-prefix=NAN-THRESHOLD --implicit-check-not=error:
// RUN: not snn-opt %t/inf-beta.mlir 2>&1 | FileCheck %s --check-prefix=INF-BETA --implicit-check-not=error:
// RUN: not snn-opt %t/zero-dt.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-DT --implicit-check-not=error:
// RUN: not snn-opt %t/neg-tau.mlir 2>&1 | FileCheck %s --check-prefix=NEG-TAU --implicit-check-not=error:
// RUN: not snn-opt %t/zero-threshold.mlir 2>&1 | FileCheck %s --check-prefix=ZERO-THRESHOLD --implicit-check-not=error:
// RUN: not snn-opt %t/nan-hw.mlir 2>&1 | FileCheck %s --check-prefix=NAN-HW --implicit-check-not=error:
// RUN: not snn-opt %t/neg-hw-bytes.mlir 2>&1 | FileCheck %s --check-prefix=NEG-HW-BYTES --implicit-check-not=error:
// RUN: not snn-opt %t/layer-shape.mlir 2>&1 | FileCheck %s --check-prefix=LAYER-SHAPE-1D --implicit-check-not=error:
// RUN: not snn-opt %t/layer-shape-2d.mlir 2>&1 | FileCheck %s --check-prefix=LAYER-SHAPE-2D --implicit-check-not=error:

// NEG-STRIDE: neg-stride.mlir:2:8: error: 'snn.conv2d' op expects 'stride' values >= 1, got -1
// ZERO-KERNEL: zero-kernel.mlir:2:8: error: 'snn.maxpool2d' op expects 'kernel' values >= 1, got 0
// HUGE-PADDING: huge-padding.mlir:2:8: error: 'snn.conv2d' op window of kernel 3, dilation 1 and padding 4611686018427387904 exceeds 64-bit extents
// HUGE-DILATION: huge-dilation.mlir:2:8: error: 'snn.conv2d' op window of kernel 3, dilation 9223372036854775807 and padding 0 exceeds 64-bit extents
// ZERO-GROUPS: zero-groups.mlir:2:8: error: 'snn.conv2d' op groups (0) must divide the input channels (3) and the output channels (4)
// NEG-DELAY: neg-delay.mlir:2:8: error: 'snn.delay' op expects a non-negative number of steps, got -1
// NEG-SCHEDULE: neg-schedule.mlir:2:79: error: schedule time_tile must be 0 (all steps) or positive, got -2
// NAN-THRESHOLD: nan-threshold.mlir:2:8: error: 'snn.lif' op 'threshold' must be finite
// INF-BETA: inf-beta.mlir:2:8: error: 'snn.lif' op 'beta' must be finite
// ZERO-DT: zero-dt.mlir:2:8: error: 'snn.li' op 'dt' must be positive and finite
// NEG-TAU: neg-tau.mlir:2:8: error: 'snn.li' op 'tau' must be positive, got -2
// ZERO-THRESHOLD: zero-threshold.mlir:2:8: error: 'snn.lif' op 'threshold' must be positive, got 0
// NAN-HW: nan-hw.mlir:1:51: error: memory level 'gb' needs finite, non-negative read/write energies
// NEG-HW-BYTES: neg-hw-bytes.mlir:1:51: error: memory level 'gb' has negative bytes -16
// LAYER-SHAPE-1D: layer-shape.mlir:3:8: error: 'snn.lif' op 'threshold' has 2 values; expected 1, 4611686018427387904 (one per channel) or 4611686018427387904 (one per neuron)
// LAYER-SHAPE-2D: layer-shape-2d.mlir:3:8: error: 'snn.lif' op 'layer_shape' has more than 2^63 neurons

//--- neg-stride.mlir
func.func @f(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16> {
  %0 = snn.conv2d %x, %w {stride = array<i64: -1, 1>} : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16>
  return %0 : tensor<2x4x6x6xi16>
}
//--- zero-kernel.mlir
func.func @f(%x: tensor<2x3x8x8xi1>) -> tensor<2x3x8x8xi1> {
  %0 = snn.maxpool2d %x {kernel = array<i64: 0, 2>} : tensor<2x3x8x8xi1> -> tensor<2x3x8x8xi1>
  return %0 : tensor<2x3x8x8xi1>
}
//--- huge-padding.mlir
func.func @f(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16> {
  %0 = snn.conv2d %x, %w {padding = array<i64: 4611686018427387904, 0>} : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16>
  return %0 : tensor<2x4x6x6xi16>
}
//--- huge-dilation.mlir
func.func @f(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16> {
  %0 = snn.conv2d %x, %w {dilation = array<i64: 9223372036854775807, 1>} : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16>
  return %0 : tensor<2x4x6x6xi16>
}
//--- zero-groups.mlir
func.func @f(%x: tensor<2x3x8x8xi1>, %w: tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16> {
  %0 = snn.conv2d %x, %w {groups = 0} : (tensor<2x3x8x8xi1>, tensor<4x3x3x3xi8>) -> tensor<2x4x6x6xi16>
  return %0 : tensor<2x4x6x6xi16>
}
//--- neg-delay.mlir
func.func @f(%x: tensor<4x3xi1>) -> tensor<4x3xi1> {
  %0 = snn.delay %x {steps = -1} : (tensor<4x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- neg-schedule.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {threshold = 1.0, state_type = f32, schedule = #snn.schedule<time_tile = -2>} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- nan-threshold.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {threshold = 0x7FF8000000000000 : f64, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- inf-beta.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {beta = array<f64: 0.5, 0x7FF0000000000000, 0.5>, threshold = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- zero-dt.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = snn.li %x {tau = 2.0, dt = 0.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
//--- neg-tau.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = snn.li %x {tau = -2.0, dt = 1.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
//--- zero-threshold.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %0 = snn.lif %x {threshold = 0.0, state_type = f32} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- nan-hw.mlir
func.func private @f() attributes {hw = #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 16, read_pj = 0x7FF8000000000000, write_pj = 0.1>}
//--- neg-hw-bytes.mlir
func.func private @f() attributes {hw = #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = -16, read_pj = 0.1, write_pj = 0.1>}
//--- layer-shape.mlir
func.func @f(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %c0 = arith.constant 0 : index
  %0 = snn.lif %x at(%c0) {threshold = array<f64: 1.0, 2.0>, state_type = f32, layer_shape = array<i64: 4611686018427387904>} : (tensor<4x3xf32>, index) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}
//--- layer-shape-2d.mlir
func.func @f(%x: tensor<4x3x5xf32>) -> tensor<4x3x5xi1> {
  %c0 = arith.constant 0 : index
  %0 = snn.lif %x at(%c0, %c0) {threshold = array<f64: 1.0, 2.0>, state_type = f32, layer_shape = array<i64: 4611686018427387904, 8>} : (tensor<4x3x5xf32>, index, index) -> tensor<4x3x5xi1>
  return %0 : tensor<4x3x5xi1>
}
