// Loops across time steps (snn.cycle) run by snn-run; the traces are worked
// out by hand in the comments (docs/Semantics.md, "snn.cycle").
// RUN: %npy make %t.one.npy --dtype int8 --shape 7,1 --fill 1
// RUN: snn-run %s --entry if_feedback --input %t.one.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=IF
// RUN: %npy make %t.first.npy --dtype bool --shape 7,1 --values 1,0,0,0,0,0,0
// RUN: snn-run %s --entry echo --input %t.first.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=ECHO

// IF, threshold 2 (v > 2), reset to zero, driven by 1 plus its own spike of
// the step before (a dense layer of weight 1 behind a one-step delay):
// v = 1 2 3* -> 0, 0+1+1 = 2, 3* -> 0, 2, 3*. (Without the loop: 1 2 3* 1 2
// 3* 1, spikes at 2 and 5.)
// IF-COUNT-2: {{^[0-9]}}: 0
// IF-NEXT: 2: 1
// IF-NEXT: 3: 0
// IF-NEXT: 4: 1
// IF-NEXT: 5: 0
// IF-NEXT: 6: 1
func.func @if_feedback(%x: tensor<7x1xi8>) -> tensor<7x1xi1> {
  %w = arith.constant dense<1> : tensor<1x1xi8>
  %0 = snn.cycle -> (tensor<7x1xi1>) {
    %fb = snn.delay %z {steps = 1} : (tensor<7x1xi8>) -> tensor<7x1xi8>
    %in = snn.add %x, %fb : tensor<7x1xi8>, tensor<7x1xi8> -> tensor<7x1xi8>
    %s = snn.lif %in {threshold = 2.0, reset = #snn.reset<zero>, state_type = i8} : (tensor<7x1xi8>) -> tensor<7x1xi1>
    %z = snn.dense %s, %w : (tensor<7x1xi1>, tensor<1x1xi8>) -> tensor<7x1xi8>
    snn.yield %s : tensor<7x1xi1>
  }
  return %0 : tensor<7x1xi1>
}

// The input's one spike (t = 0) echoes every three steps: y[t] = x[t] OR
// y[t - 3], so spikes at 0, 3 and 6, and y = x OR its echo five steps later
// would stop at 0 and 5.
// ECHO: 0: 1
// ECHO-NEXT: 1: 0
// ECHO-NEXT: 2: 0
// ECHO-NEXT: 3: 1
// ECHO-NEXT: 4: 0
// ECHO-NEXT: 5: 0
// ECHO-NEXT: 6: 1
func.func @echo(%x: tensor<7x1xi1>) -> tensor<7x1xi1> {
  %0 = snn.cycle -> (tensor<7x1xi1>) {
    %y = snn.add %x, %fb {mode = #snn.add_mode<or>} : tensor<7x1xi1>, tensor<7x1xi1> -> tensor<7x1xi1>
    %fb = snn.delay %y {steps = 3} : (tensor<7x1xi1>) -> tensor<7x1xi1>
    snn.yield %y : tensor<7x1xi1>
  }
  return %0 : tensor<7x1xi1>
}
