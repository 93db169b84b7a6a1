func.func @cycle(%x: tensor<6x4xf32>, %w: tensor<4x4xf32>) -> (tensor<6x4xi1>, tensor<6x4xf32>) {
  %0:2 = snn.cycle -> (tensor<6x4xi1>, tensor<6x4xf32>) {
    %d = snn.delay %z {steps = 2} : (tensor<6x4xf32>) -> tensor<6x4xf32>
    %s = snn.add %x, %d : tensor<6x4xf32>, tensor<6x4xf32> -> tensor<6x4xf32>
    %v = snn.lif %s {threshold = 1.0, state_type = f32} : (tensor<6x4xf32>) -> tensor<6x4xi1>
    %z = snn.dense %v, %w : (tensor<6x4xi1>, tensor<4x4xf32>) -> tensor<6x4xf32>
    snn.yield %v, %z : tensor<6x4xi1>, tensor<6x4xf32>
  }
  return %0#0, %0#1 : tensor<6x4xi1>, tensor<6x4xf32>
}
