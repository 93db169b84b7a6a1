module {
func.func @provable_int(%x: tensor<6x4x3xi8>) -> tensor<6x4x3xi1> {
  %s = snn.lif %x {beta = 0.0, gain = 2.0, v_leak = 1.0, threshold = 5.0, reset = #snn.reset<zero>, state_type = i12} : (tensor<6x4x3xi8>) -> tensor<6x4x3xi1>
  return %s : tensor<6x4x3xi1>
}
}
