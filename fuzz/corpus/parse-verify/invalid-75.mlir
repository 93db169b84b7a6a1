func.func @group_arg_type(%x: tensor<4x4xf32>) {
  %0 = snn.group(%x) {schedule = #snn.schedule<group = 0>} : (tensor<4x4xf32>) -> tensor<4x4xf32> {
  ^bb0(%a: tensor<4x4xf64>):
    %c = arith.constant dense<0.0> : tensor<4x4xf32>
    snn.yield %c : tensor<4x4xf32>
  }
  return
}
