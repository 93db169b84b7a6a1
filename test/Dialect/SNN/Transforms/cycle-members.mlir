// The schedule passes leave the members of an snn.cycle alone: they are
// computed one time step at a time whatever the schedule (docs/Semantics.md).
// RUN: snn-opt %s --split-input-file --snn-set-schedule=mode=tb-f | FileCheck %s --check-prefix=SCHEDULE
// RUN: snn-opt %s --split-input-file --snn-eliminate-state -verify-diagnostics=only-expected | FileCheck %s --check-prefix=STATE

// SCHEDULE-LABEL: func.func @members
// SCHEDULE: snn.scale {{.*}}schedule = #snn.schedule<
// SCHEDULE: snn.cycle
// SCHEDULE-NOT: schedule =
// SCHEDULE: return
// A LIF without decay is stateless outside a loop (a threshold), not inside.
// STATE-LABEL: func.func @members
// STATE: snn.cycle
// STATE: snn.lif
func.func @members(%x: tensor<6x4xf32>, %w: tensor<4x4xf32>) -> tensor<6x4xi1> {
  %in = snn.scale %x {factor = 2.0} : tensor<6x4xf32> -> tensor<6x4xf32>
  %0 = snn.cycle -> (tensor<6x4xi1>) {
    %d = snn.delay %z {steps = 1} : (tensor<6x4xf32>) -> tensor<6x4xf32>
    %s = snn.add %in, %d : tensor<6x4xf32>, tensor<6x4xf32> -> tensor<6x4xf32>
    %v = snn.lif %s {beta = 0.0, threshold = 1.0, state_type = f32, reset = #snn.reset<none>} : (tensor<6x4xf32>) -> tensor<6x4xi1>
    %z = snn.dense %v, %w : (tensor<6x4xi1>, tensor<4x4xf32>) -> tensor<6x4xf32>
    snn.yield %v : tensor<6x4xi1>
  }
  return %0 : tensor<6x4xi1>
}

// -----

func.func @asked(%x: tensor<6x4xf32>) -> tensor<6x4xi1> {
  %0 = snn.cycle -> (tensor<6x4xi1>) {
    %d = snn.delay %v {steps = 1} : (tensor<6x4xi1>) -> tensor<6x4xi1>
    %s = snn.add %x, %d : tensor<6x4xf32>, tensor<6x4xi1> -> tensor<6x4xf32>
    // expected-error @+1 {{is in an 'snn.cycle': its state cannot be eliminated}}
    %v = snn.lif %s {beta = 0.0, threshold = 1.0, state_type = f32, reset = #snn.reset<none>, snn.stateless} : (tensor<6x4xf32>) -> tensor<6x4xi1>
    snn.yield %v : tensor<6x4xi1>
  }
  return %0 : tensor<6x4xi1>
}
