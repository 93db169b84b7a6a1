// RUN: snn-opt %s --convert-snn-to-linalg | FileCheck %s --implicit-check-not=snn.

// CHECK-LABEL: func.func @add_sum
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<2x4xi8>, tensor<2x4xi1>, tensor<2x4xi8>)
// CHECK-COUNT-2: arith.addi
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @add_sum(%a: tensor<2x4xi8>, %b: tensor<2x4xi1>) -> tensor<2x4xi8> {
  %0 = snn.add %a, %b, %a : tensor<2x4xi8>, tensor<2x4xi1>, tensor<2x4xi8> -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// CHECK-LABEL: func.func @add_or
// CHECK: arith.ori
func.func @add_or(%a: tensor<2x4xi1>) -> tensor<2x4xi1> {
  %0 = snn.add %a, %a {mode = #snn.add_mode<or>} : tensor<2x4xi1>, tensor<2x4xi1> -> tensor<2x4xi1>
  return %0 : tensor<2x4xi1>
}

// An integer compares exactly with a real threshold: x > 2.5 is x > 2.
// CHECK-LABEL: func.func @threshold_int
// CHECK: %[[TWO:.*]] = arith.constant 2 : i64
// CHECK: arith.cmpi sgt, %{{.*}}, %[[TWO]] : i64
func.func @threshold_int(%a: tensor<2x4xi8>) -> tensor<2x4xi1> {
  %0 = snn.threshold %a {threshold = 2.5} : tensor<2x4xi8> -> tensor<2x4xi1>
  return %0 : tensor<2x4xi1>
}

// ... and x >= 2.5 is x >= 3.
// CHECK-LABEL: func.func @threshold_int_ge
// CHECK: %[[THREE:.*]] = arith.constant 3 : i64
// CHECK: arith.cmpi sge, %{{.*}}, %[[THREE]] : i64
func.func @threshold_int_ge(%a: tensor<2x4xi8>) -> tensor<2x4xi1> {
  %0 = snn.threshold %a {threshold = 2.5, compare = #snn.compare<ge>} : tensor<2x4xi8> -> tensor<2x4xi1>
  return %0 : tensor<2x4xi1>
}

// CHECK-LABEL: func.func @relu_int
// CHECK: arith.shrsi
// CHECK: arith.maxsi
// CHECK: arith.trunci %{{.*}} : i64 to i4
func.func @relu_int(%a: tensor<2x4xi16>) -> tensor<2x4xi4> {
  %0 = snn.relu %a {shift = 3 : i64} : tensor<2x4xi16> -> tensor<2x4xi4>
  return %0 : tensor<2x4xi4>
}

// CHECK-LABEL: func.func @scale_int
// CHECK: %[[Q:.*]] = arith.constant 98304 : i64
// CHECK: arith.muli %{{.*}}, %[[Q]]
// CHECK: arith.shrsi
func.func @scale_int(%a: tensor<2x4xi8>) -> tensor<2x4xi8> {
  %0 = snn.scale %a {factor = 1.5} : tensor<2x4xi8> -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// The delay line is one stream, zeros then the input: y = stream[0:5].
// CHECK-LABEL: func.func @delay
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<7x4xf32>
// CHECK: %[[STREAM:.*]] = tensor.insert_slice %[[X]] into %[[ZERO]][2, 0] [5, 4] [1, 1]
// CHECK: %[[Y:.*]] = tensor.extract_slice %[[STREAM]][0, 0] [5, 4] [1, 1]
// CHECK: return %[[Y]]
func.func @delay(%a: tensor<5x4xf32>) -> tensor<5x4xf32> {
  %0 = snn.delay %a {steps = 2 : i64} : (tensor<5x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// With explicit history, the stream starts with it and its last steps are
// the new history.
// CHECK-LABEL: func.func @delay_explicit
// CHECK-SAME: (%[[X:.*]]: tensor<5x4xf32>, %[[H:.*]]: tensor<2x4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<7x4xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[H]] into %[[E]][0, 0] [2, 4] [1, 1]
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[X]] into %[[S0]][2, 0] [5, 4] [1, 1]
// CHECK: %[[Y:.*]] = tensor.extract_slice %[[S1]][0, 0] [5, 4] [1, 1]
// CHECK: %[[NEW:.*]] = tensor.extract_slice %[[S1]][5, 0] [2, 4] [1, 1]
// CHECK: return %[[Y]], %[[NEW]]
func.func @delay_explicit(%a: tensor<5x4xf32>, %h: tensor<2x4xf32>) -> (tensor<5x4xf32>, tensor<2x4xf32>) {
  %0:2 = snn.delay %a init(%h) {steps = 2 : i64} : (tensor<5x4xf32>, tensor<2x4xf32>) -> (tensor<5x4xf32>, tensor<2x4xf32>)
  return %0#0, %0#1 : tensor<5x4xf32>, tensor<2x4xf32>
}

// CHECK-LABEL: func.func @flatten
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<2x3x4x5xi1> into tensor<2x60xi1>
func.func @flatten(%a: tensor<2x3x4x5xi1>) -> tensor<2x60xi1> {
  %0 = snn.flatten %a : tensor<2x3x4x5xi1> -> tensor<2x60xi1>
  return %0 : tensor<2x60xi1>
}

// CHECK-LABEL: func.func @reshape
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<2x6xi1> into tensor<12xi1>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2, 3]] output_shape [2, 3, 1, 2] : tensor<12xi1> into tensor<2x3x1x2xi1>
func.func @reshape(%a: tensor<2x6xi1>) -> tensor<2x3x1x2xi1> {
  %0 = snn.reshape %a : tensor<2x6xi1> -> tensor<2x3x1x2xi1>
  return %0 : tensor<2x3x1x2xi1>
}
