// RUN: snn-opt %s --snn-drop-empty-slices | FileCheck %s

// Slices with no elements (a band's columns wholly in the padding, one time
// step of such a band) become empty tensors of their types; slices with
// elements stay.
// CHECK-LABEL: func.func @band_in_padding
// CHECK-SAME: (%[[IN:.*]]: tensor<4x4x12x2xi1>, %[[BANDS:.*]]: tensor<4x4x12x?xi1>, %[[AT:.*]]: index, %[[T:.*]]: index)
// CHECK-DAG: %[[BAND:.*]] = tensor.empty() : tensor<4x4x12x0xi1>
// CHECK-DAG: %[[STEP:.*]] = tensor.empty() : tensor<1x4x12x0xi1>
// CHECK-DAG: %[[KEPT:.*]] = tensor.extract_slice %[[IN]][%[[T]], 0, 0, 0] [1, 4, 12, 2]
// CHECK: return %[[BAND]], %[[STEP]], %[[KEPT]]
func.func @band_in_padding(%in: tensor<4x4x12x2xi1>, %bands: tensor<4x4x12x?xi1>, %at: index,
                           %t: index)
    -> (tensor<4x4x12x0xi1>, tensor<1x4x12x0xi1>, tensor<1x4x12x2xi1>) {
  %band = tensor.extract_slice %in[0, 0, 0, %at] [4, 4, 12, 0] [1, 1, 1, 1]
      : tensor<4x4x12x2xi1> to tensor<4x4x12x0xi1>
  %step = tensor.extract_slice %bands[%t, 0, 0, 0] [1, 4, 12, 0] [1, 1, 1, 1]
      : tensor<4x4x12x?xi1> to tensor<1x4x12x0xi1>
  %kept = tensor.extract_slice %in[%t, 0, 0, 0] [1, 4, 12, 2] [1, 1, 1, 1]
      : tensor<4x4x12x2xi1> to tensor<1x4x12x2xi1>
  return %band, %step, %kept : tensor<4x4x12x0xi1>, tensor<1x4x12x0xi1>, tensor<1x4x12x2xi1>
}
