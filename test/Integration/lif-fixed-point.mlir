// Integer neurons with Lava-style arithmetic (docs/Semantics.md "Integer
// neurons"): rounding modes of the decay product, wrapping and symmetric
// saturation of the membrane and the current, and a bias. Every expected
// value is worked out by hand in the comments.
// RUN: %npy make %t.neg.npy --dtype int16 --shape 6,1 --values=-3,0,0,0,0,0
// RUN: %npy make %t.zero.npy --dtype int16 --shape 6,1 --fill 0
// RUN: %npy make %t.plus.npy --dtype int16 --shape 6,1 --fill 100
// RUN: %npy make %t.minus.npy --dtype int16 --shape 6,1 --fill -100
// RUN: %npy make %t.sixty.npy --dtype int16 --shape 10,1 --fill 60
// RUN: snn-run %s --entry floor --input %t.neg.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=FLOOR
// RUN: snn-run %s --entry toward_zero --input %t.neg.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=TRUNC
// RUN: snn-run %s --entry nearest_even --input %t.neg.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=NEAREST
// RUN: snn-run %s --entry bias --input %t.zero.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=BIAS
// RUN: snn-run %s --entry wrap --input %t.plus.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=WRAP
// RUN: snn-run %s --entry symmetric --input %t.minus.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=SYMMETRIC
// RUN: snn-run %s --entry current_wraps --input %t.plus.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=CURRENT
// RUN: snn-run %s --entry spikes_wrap --input %t.sixty.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=SPIKES-WRAP
// RUN: snn-run %s --entry spikes_saturate --input %t.sixty.npy --output %t.o.npy && %npy show %t.o.npy | FileCheck %s --check-prefix=SPIKES-SAT

// v = beta v + x with beta = 0.5 after an input of -3: the products -1.5,
// -1, -0.5 round down to -2, -1, -1 (and stay at -1) ...
// FLOOR:      0: -3
// FLOOR-NEXT: 1: -2
// FLOOR-NEXT: 2: -1
// FLOOR-NEXT: 3: -1
// FLOOR-NEXT: 4: -1
// FLOOR-NEXT: 5: -1
func.func @floor(%x: tensor<6x1xi16>) -> tensor<6x1xi16> {
  %v = snn.li %x {beta = 0.5, state_type = i16} : (tensor<6x1xi16>) -> tensor<6x1xi16>
  return %v : tensor<6x1xi16>
}

// ... toward zero -1.5 -> -1, -0.5 -> 0 (Lava's decays) ...
// TRUNC:      0: -3
// TRUNC-NEXT: 1: -1
// TRUNC-NEXT: 2: 0
// TRUNC-NEXT: 3: 0
func.func @toward_zero(%x: tensor<6x1xi16>) -> tensor<6x1xi16> {
  %v = snn.li %x {beta = 0.5, rounding = #snn.rounding<toward_zero>, state_type = i16} : (tensor<6x1xi16>) -> tensor<6x1xi16>
  return %v : tensor<6x1xi16>
}

// ... to nearest with ties to even: -1.5 -> -2, -1 -> -1, -0.5 -> 0.
// NEAREST:      0: -3
// NEAREST-NEXT: 1: -2
// NEAREST-NEXT: 2: -1
// NEAREST-NEXT: 3: 0
// NEAREST-NEXT: 4: 0
func.func @nearest_even(%x: tensor<6x1xi16>) -> tensor<6x1xi16> {
  %v = snn.li %x {beta = 0.5, rounding = #snn.rounding<nearest_even>, state_type = i16} : (tensor<6x1xi16>) -> tensor<6x1xi16>
  return %v : tensor<6x1xi16>
}

// A bias of 5 each step, decay 0.5 toward zero: 5, 2 + 5, 3 + 5, 4 + 5, 4 + 5.
// BIAS:      0: 5
// BIAS-NEXT: 1: 7
// BIAS-NEXT: 2: 8
// BIAS-NEXT: 3: 9
// BIAS-NEXT: 4: 9
// BIAS-NEXT: 5: 9
func.func @bias(%x: tensor<6x1xi16>) -> tensor<6x1xi16> {
  %v = snn.li %x {beta = 0.5, bias = 5.0, rounding = #snn.rounding<toward_zero>, state_type = i16} : (tensor<6x1xi16>) -> tensor<6x1xi16>
  return %v : tensor<6x1xi16>
}

// An i8 integrator of 100 per step wraps modulo 256: 100, 200 - 256 = -56,
// 44, 144 - 256 = -112, -12, 88.
// WRAP:      0: 100
// WRAP-NEXT: 1: -56
// WRAP-NEXT: 2: 44
// WRAP-NEXT: 3: -112
// WRAP-NEXT: 4: -12
// WRAP-NEXT: 5: 88
func.func @wrap(%x: tensor<6x1xi16>) -> tensor<6x1xi8> {
  %v = snn.li %x {overflow = #snn.overflow<wrap>, state_type = i8} : (tensor<6x1xi16>) -> tensor<6x1xi8>
  return %v : tensor<6x1xi8>
}

// Of -100 per step it saturates symmetrically at -127 (not -128).
// SYMMETRIC:      0: -100
// SYMMETRIC-NEXT: 1: -127
// SYMMETRIC-NEXT: 2: -127
func.func @symmetric(%x: tensor<6x1xi16>) -> tensor<6x1xi8> {
  %v = snn.li %x {overflow = #snn.overflow<saturate_symmetric>, state_type = i8} : (tensor<6x1xi16>) -> tensor<6x1xi8>
  return %v : tensor<6x1xi8>
}

// The current (i8, alpha = 1) wraps as above; the i16 membrane (beta = 0)
// shows it.
// CURRENT:      0: 100
// CURRENT-NEXT: 1: -56
// CURRENT-NEXT: 2: 44
// CURRENT-NEXT: 3: -112
func.func @current_wraps(%x: tensor<6x1xi16>) -> tensor<6x1xi16> {
  %v = snn.cuba_li %x {beta = 0.0, syn_overflow = #snn.overflow<wrap>, state_type = i16, syn_type = i8} : (tensor<6x1xi16>) -> tensor<6x1xi16>
  return %v : tensor<6x1xi16>
}

// Threshold 100, subtractive reset, input 60, i8 membrane wrapping: h = 60,
// 120* -> 20, 80, 140 - 256 = -116 (no spike), -56, 4, 64, 124* -> 24, 84,
// 144 - 256 = -112.
// SPIKES-WRAP:      0: 0
// SPIKES-WRAP-NEXT: 1: 1
// SPIKES-WRAP-NEXT: 2: 0
// SPIKES-WRAP-NEXT: 3: 0
// SPIKES-WRAP-NEXT: 4: 0
// SPIKES-WRAP-NEXT: 5: 0
// SPIKES-WRAP-NEXT: 6: 0
// SPIKES-WRAP-NEXT: 7: 1
// SPIKES-WRAP-NEXT: 8: 0
// SPIKES-WRAP-NEXT: 9: 0
func.func @spikes_wrap(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 100.0, overflow = #snn.overflow<wrap>, state_type = i8} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}

// Saturating instead: 60, 120* -> 20, 80, 127* -> 27, 87, 127* -> 27, ...
// SPIKES-SAT:      0: 0
// SPIKES-SAT-NEXT: 1: 1
// SPIKES-SAT-NEXT: 2: 0
// SPIKES-SAT-NEXT: 3: 1
// SPIKES-SAT-NEXT: 4: 0
// SPIKES-SAT-NEXT: 5: 1
// SPIKES-SAT-NEXT: 6: 0
// SPIKES-SAT-NEXT: 7: 1
// SPIKES-SAT-NEXT: 8: 0
// SPIKES-SAT-NEXT: 9: 1
func.func @spikes_saturate(%x: tensor<10x1xi16>) -> tensor<10x1xi1> {
  %s = snn.lif %x {threshold = 100.0, state_type = i8} : (tensor<10x1xi16>) -> tensor<10x1xi1>
  return %s : tensor<10x1xi1>
}
