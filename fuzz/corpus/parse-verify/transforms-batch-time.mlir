func.func @tiles(%x: tensor<10x4xf32>, %w: tensor<3x4xf32>) -> tensor<10x3xi1> {
  %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x4xf32>, tensor<3x4xf32>) -> tensor<10x3xf32>
  %s = snn.lif %d {beta = 0.5, v_init = 0.25, threshold = 1.0, state_type = f32, reset_timing = #snn.reset_timing<next>,
                   schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x3xf32>) -> tensor<10x3xi1>
  %y = snn.delay %s {steps = 2 : i64, schedule = #snn.schedule<group = 0, time_tile = 4>} : (tensor<10x3xi1>) -> tensor<10x3xi1>
  return %y : tensor<10x3xi1>
}
func.func @whole(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  %s = snn.lif %x {threshold = 1.0, state_type = f32, schedule = #snn.schedule<time_tile = 4>} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}
func.func @per_channel_init(%x: tensor<4x2x2xi8>) -> tensor<4x2x2xi1> {
  %s = snn.lif %x {v_init = array<f64: 1.0, 2.0>, threshold = 3.0, state_type = i8, schedule = #snn.schedule<time_tile = 1>} : (tensor<4x2x2xi8>) -> tensor<4x2x2xi1>
  return %s : tensor<4x2x2xi1>
}
