// A single neuron driven by a constant input for 10 steps, with a refractory
// period or an adaptive threshold; the spike times are worked out by hand in
// the comments (docs/Semantics.md, "Refractory period", "Adaptive threshold").
// RUN: %npy make %t.three.npy --dtype int16 --shape 10,1 --fill 3
// RUN: %npy make %t.four.npy --dtype int16 --shape 10,1 --fill 4
// RUN: snn-run %s --entry refractory --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=REFRACTORY
// RUN: snn-run %s --entry refractory_next --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=NEXT
// RUN: snn-run %s --entry cuba_refractory --input %t.four.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=CUBA
// RUN: snn-run %s --entry adaptive --input %t.three.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=ADAPTIVE

// IF, threshold 10, reset to zero, 2 refractory steps: v = 3 6 9 12* -> 0,
// held 0 0, then 3 6 9 12*. (Without the period: spikes at 3 and 7.)
// REFRACTORY-COUNT-3: {{^[0-9]}}: 0
// REFRACTORY-NEXT: 3: 1
// REFRACTORY-NEXT: 4: 0
// REFRACTORY-NEXT: 5: 0
// REFRACTORY-NEXT: 6: 0
// REFRACTORY-NEXT: 7: 0
// REFRACTORY-NEXT: 8: 0
// REFRACTORY-NEXT: 9: 1
func.func @refractory(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, reset = #snn.reset<zero>, refractory = 2, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Subtracting in the next step, 1 refractory step: 3 6 9 12*, then the held
// 12 is reset to 2 (silent), 5 8 11*, held 11 -> 1, 4. (Without the period:
// 12* 15 -> 5, 8 11* 14 -> 4, 7 10: spikes at 3 and 6.)
// NEXT-COUNT-3: {{^[0-9]}}: 0
// NEXT-NEXT: 3: 1
// NEXT-NEXT: 4: 0
// NEXT-NEXT: 5: 0
// NEXT-NEXT: 6: 0
// NEXT-NEXT: 7: 1
// NEXT-NEXT: 8: 0
// NEXT-NEXT: 9: 0
func.func @refractory_next(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, reset_timing = #snn.reset_timing<next>, refractory = 1, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// The current keeps filtering while the membrane is held: alpha = 0.5,
// input 4, i = 4 6 7 7 ... (floor(3.5) = 3); membrane v = 4 10 17* -> 0, held,
// 7 14* -> 0, held, 7 14* -> 0, held.
// CUBA-COUNT-2: {{^[0-9]}}: 0
// CUBA-NEXT: 2: 1
// CUBA-NEXT: 3: 0
// CUBA-NEXT: 4: 0
// CUBA-NEXT: 5: 1
// CUBA-NEXT: 6: 0
// CUBA-NEXT: 7: 0
// CUBA-NEXT: 8: 1
// CUBA-NEXT: 9: 0
func.func @cuba_refractory(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.cuba_lif %x {alpha = 0.5, threshold = 10.0, reset = #snn.reset<zero>, refractory = 1, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Adaptive threshold 10 + a, adapt = 4 halving each step, subtractive reset:
// v = 3 6 9 12* (a = 4) -> 2, 5 (theta 14, a = 2), 8 (12, a = 1), 11 (11, a =
// 0), 14* (10, a = 4) -> 4, 7 (14), 10 (12). (Fixed threshold: 3, 6, 9.)
// ADAPTIVE-COUNT-3: {{^[0-9]}}: 0
// ADAPTIVE-NEXT: 3: 1
// ADAPTIVE-NEXT: 4: 0
// ADAPTIVE-NEXT: 5: 0
// ADAPTIVE-NEXT: 6: 0
// ADAPTIVE-NEXT: 7: 1
// ADAPTIVE-NEXT: 8: 0
// ADAPTIVE-NEXT: 9: 0
func.func @adaptive(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 10.0, adapt = 4.0, adapt_decay = 0.5, state_type = i16} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}
