// Positions outside the input are skipped, not multiplied by zero
// (docs/Semantics.md): a weight of inf that only ever meets padding leaves
// the sums finite. A padded copy of the input would give 0 * inf = NaN.
// Input 1x4 (one row), 3x3 kernel, padding 1: kernel rows 0 and 2 only
// meet padding; row 1 is [1, 2, 4].
// RUN: %npy make %t.x.npy --dtype float32 --shape 1,1,1,4 --values 1,2,3,4
// RUN: %npy make %t.w1.npy --dtype float32 --shape 1,1,3,3 --values inf,inf,inf,1,2,4,inf,inf,inf
// RUN: %npy make %t.w8.npy --dtype float32 --shape 8,1,3,3 --values inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf,inf,inf,inf,1,2,4,inf,inf,inf
// Lanes along the columns (one output channel):
// RUN: snn-run %s --entry one --input %t.x.npy --input %t.w1.npy --output %t.y1.npy
// RUN: %npy show %t.y1.npy | FileCheck %s
// Lanes along eight output channels:
// RUN: snn-run %s --entry eight --input %t.x.npy --input %t.w8.npy --output %t.y8.npy
// RUN: %npy show %t.y8.npy | FileCheck %s --check-prefix=EIGHT
// Fused in bands of one column: each band pads its window (tensor.pad),
// which the lowering folds into the convolution's window.
// RUN: snn-run %s --entry fused --input %t.x.npy --input %t.w1.npy --output %t.yf.npy \
// RUN:   --pass-pipeline='func.func(snn-set-schedule{mode=tb-f})'
// RUN: %npy show %t.yf.npy | FileCheck %s

// out[j] = x[j-1] + 2 x[j] + 4 x[j+1], skipping j-1 < 0 and j+1 > 3.
// CHECK: 0: 10 17 24 11
func.func @one(%x: tensor<1x1x1x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x1x4xf32> {
  %y = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<1x1x1x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// EIGHT: 0: 10 17 24 11 10 17 24 11 10 17 24 11 10 17 24 11 10 17 24 11 10 17 24 11 10 17 24 11 10 17 24 11
func.func @eight(%x: tensor<1x1x1x4xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x1x4xf32> {
  %y = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<1x1x1x4xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x1x4xf32>
  return %y : tensor<1x8x1x4xf32>
}

// A leaky integrator without leak passes its input through.
func.func @fused(%x: tensor<1x1x1x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x1x4xf32> {
  %y = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<1x1x1x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x4xf32>
  %v = snn.li %y {beta = 0.0, state_type = f32} : (tensor<1x1x1x4xf32>) -> tensor<1x1x1x4xf32>
  return %v : tensor<1x1x1x4xf32>
}
