// Integers narrower than their bytes (i2 in int8 arrays): the compiled code
// keeps them sign-extended in their containers (snn-legalize-storage), as
// NumPy does, and truncates where it reads them. A comparison with -1 once
// saw -2 (stored as 0xFE) as not equal to the i2 minimum and spiked on every
// input.
// RUN: %npy make %t.x.npy --dtype int8 --shape 2,4 --values=-2,-1,0,1,1,0,-1,-2
// RUN: snn-run %s --entry ge --input %t.x.npy --output %t.s.npy && %npy show %t.s.npy | FileCheck %s --check-prefix=GE
// RUN: snn-run %s --entry copy --input %t.x.npy --output %t.y.npy && %npy show %t.y.npy | FileCheck %s --check-prefix=COPY

// GE: 0: 0 1 1 1
// GE-NEXT: 1: 1 1 1 0
func.func @ge(%x: tensor<2x4xi2>) -> tensor<2x4xi1> {
  %s = snn.threshold %x {threshold = -1.0 : f64, compare = #snn.compare<ge>} : tensor<2x4xi2> -> tensor<2x4xi1>
  return %s : tensor<2x4xi1>
}

// COPY: 0: -2 -1 0 1
// COPY-NEXT: 1: 1 0 -1 -2
func.func @copy(%x: tensor<2x4xi2>) -> tensor<2x4xi2> {
  %y = snn.scale %x {factor = 1.0} : tensor<2x4xi2> -> tensor<2x4xi2>
  return %y : tensor<2x4xi2>
}
