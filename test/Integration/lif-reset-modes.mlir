// A single neuron driven by a constant input for 10 steps, once per reset
// convention; the spike times are worked out by hand in the comments.
// RUN: %npy make %t.three.npy --dtype int16 --shape 10,1 --fill 3
// RUN: %npy make %t.six.npy --dtype float32 --shape 10,1 --fill 6
// RUN: snn-run %s --entry subtract --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=SUBTRACT
// RUN: snn-run %s --entry subtract_ge --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=GE
// RUN: snn-run %s --entry zero --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=ZERO
// RUN: snn-run %s --entry to_value --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=VALUE
// RUN: snn-run %s --entry none --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=NONE
// RUN: snn-run %s --entry leaky_same --input %t.six.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=SAME
// RUN: snn-run %s --entry leaky_next --input %t.six.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=NEXT

// IF (beta = 1), threshold 10, input 3: v = 3 6 9 12* -> 2, 5 8 11* -> 1, 4 7 10.
// SUBTRACT-COUNT-3: {{^[0-9]}}: 0
// SUBTRACT-NEXT: 3: 1
// SUBTRACT-NEXT: 4: 0
// SUBTRACT-NEXT: 5: 0
// SUBTRACT-NEXT: 6: 1
// SUBTRACT-NEXT: 7: 0
// SUBTRACT-NEXT: 8: 0
// SUBTRACT-NEXT: 9: 0
func.func @subtract(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// With >= the last step's membrane of exactly 10 fires too.
// GE: 3: 1
// GE: 6: 1
// GE: 9: 1
func.func @subtract_ge(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, compare = #snn.compare<ge>, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Reset to zero: 3 6 9 12* -> 0, 3 6 9 12* -> 0, 3 6.
// ZERO: 2: 0
// ZERO-NEXT: 3: 1
// ZERO-NEXT: 4: 0
// ZERO-NEXT: 5: 0
// ZERO-NEXT: 6: 0
// ZERO-NEXT: 7: 1
// ZERO-NEXT: 8: 0
// ZERO-NEXT: 9: 0
func.func @zero(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, reset = #snn.reset<zero>, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Reset to 2: 3 6 9 12* -> 2, 5 8 11* -> 2, 5 8 11*.
// VALUE: 3: 1
// VALUE-NEXT: 4: 0
// VALUE-NEXT: 5: 0
// VALUE-NEXT: 6: 1
// VALUE-NEXT: 7: 0
// VALUE-NEXT: 8: 0
// VALUE-NEXT: 9: 1
func.func @to_value(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, reset = #snn.reset<to_value>, v_reset = 2.0, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// No reset: fires from the fourth step on.
// NONE: 2: 0
// NONE-NEXT: 3: 1
// NONE-NEXT: 4: 1
// NONE: 9: 1
func.func @none(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, reset = #snn.reset<none>, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// beta = 0.5, input 6, threshold 10, reset in the same step:
// 6, 9, 10.5* -> 0.5, 6.25, 9.125, 10.5625* -> 0.5625, 6.28, 9.14, 10.57*.
// SAME: 1: 0
// SAME-NEXT: 2: 1
// SAME-NEXT: 3: 0
// SAME-NEXT: 4: 0
// SAME-NEXT: 5: 1
// SAME-NEXT: 6: 0
// SAME-NEXT: 7: 0
// SAME-NEXT: 8: 1
func.func @leaky_same(%x: tensor<10x1xf32>) -> tensor<10x1xi1> {
  %s = snn.lif %x {beta = 0.5, threshold = 10.0, state_type = f32} : (tensor<10x1xf32>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Reset in the next step (snnTorch): the decay acts on the unreset membrane:
// 6, 9, 10.5*, 11.25 - 10 = 1.25, 6.625, 9.3125, 10.65625*, 1.33, 6.66, 9.33.
// NEXT: 1: 0
// NEXT-NEXT: 2: 1
// NEXT-NEXT: 3: 0
// NEXT-NEXT: 4: 0
// NEXT-NEXT: 5: 0
// NEXT-NEXT: 6: 1
// NEXT-NEXT: 7: 0
// NEXT-NEXT: 8: 0
// NEXT-NEXT: 9: 0
func.func @leaky_next(%x: tensor<10x1xf32>) -> tensor<10x1xi1> {
  %s = snn.lif %x {beta = 0.5, threshold = 10.0, reset_timing = #snn.reset_timing<next>, state_type = f32} : (tensor<10x1xf32>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}
