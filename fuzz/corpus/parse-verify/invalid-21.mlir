func.func @add_or(%x: tensor<4x8xi8>) {
  %0 = snn.add %x, %x {mode = #snn.add_mode<or>} : tensor<4x8xi8>, tensor<4x8xi8> -> tensor<4x8xi8>
  return
}
