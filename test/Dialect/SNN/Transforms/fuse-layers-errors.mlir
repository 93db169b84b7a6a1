// RUN: snn-opt %s --snn-fuse-layers --split-input-file --verify-diagnostics

func.func @disagree(%x: tensor<4x8xf32>) -> tensor<4x8xi1> {
  %a = snn.relu %x {schedule = #snn.schedule<group = 0, time_tile = 2>} : tensor<4x8xf32> -> tensor<4x8xf32>
  // expected-error @+1 {{fusion group 0: schedule #snn.schedule<group = 0, time_tile = 1> disagrees with #snn.schedule<group = 0, time_tile = 2> of an earlier member}}
  %s = snn.threshold %a {threshold = 1.0, schedule = #snn.schedule<group = 0, time_tile = 1>} : tensor<4x8xf32> -> tensor<4x8xi1>
  return %s : tensor<4x8xi1>
}

// -----

func.func @not_contiguous(%x: tensor<4x8xf32>) -> tensor<4x8xi1> {
  %a = snn.relu %x {schedule = #snn.schedule<group = 0>} : tensor<4x8xf32> -> tensor<4x8xf32>
  // expected-error @+1 {{uses a value of fusion group 0, whose members surround it; the group is not contiguous}}
  %b = snn.relu %a : tensor<4x8xf32> -> tensor<4x8xf32>
  %s = snn.threshold %b {threshold = 1.0, schedule = #snn.schedule<group = 0>} : tensor<4x8xf32> -> tensor<4x8xi1>
  return %s : tensor<4x8xi1>
}

// -----

// The same through a loop across time steps: an op of the cycle reads the
// group's first member, the group's last member the cycle's result.
func.func @not_contiguous_cycle(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = snn.relu %x {schedule = #snn.schedule<group = 0>} : tensor<4x8xf32> -> tensor<4x8xf32>
  // expected-error @+1 {{uses a value of fusion group 0, whose members surround it; the group is not contiguous}}
  %0 = snn.cycle -> (tensor<4x8xi1>) {
    %d = snn.delay %v {steps = 1} : (tensor<4x8xi1>) -> tensor<4x8xi1>
    %s = snn.add %a, %d : tensor<4x8xf32>, tensor<4x8xi1> -> tensor<4x8xf32>
    %v = snn.threshold %s {threshold = 1.0} : tensor<4x8xf32> -> tensor<4x8xi1>
    snn.yield %v : tensor<4x8xi1>
  }
  %b = snn.scale %0 {factor = 2.0, schedule = #snn.schedule<group = 0>} : tensor<4x8xi1> -> tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}
