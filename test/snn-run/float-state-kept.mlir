// A float neuron with beta = 0 is not provably stateless: its membrane can
// overflow to infinity, and the stateful charge 0 * inf is NaN where a
// stateless form would be finite. snn-eliminate-state keeps its state, and
// the spikes stay the reference's. Neuron 0 reads 3e38 (2 x 3e38 = inf:
// spike, membrane inf - 1 = inf), then 2: 0 * inf + 4 = NaN, no spike (a
// stateless form would see 4 and spike). Neuron 1 spikes at step 1 only.
// RUN: %npy make %t.x.npy --dtype float32 --shape 3,2 --values 3e38,0.5,2,2,2,0
// RUN: snn-run %s --input %t.x.npy --output %t.s.npy --pass-pipeline='snn-eliminate-state'
// RUN: %npy show %t.s.npy | FileCheck %s
// RUN: snn-opt %s --snn-eliminate-state | FileCheck %s --check-prefix=IR

// CHECK: 0: 1 0
// CHECK-NEXT: 1: 0 1
// CHECK-NEXT: 2: 0 0
// IR: snn.lif %{{.*}} {beta = 0.000000e+00 : f64, gain = 2.000000e+00 : f64
func.func @main(%x: tensor<3x2xf32>) -> tensor<3x2xi1> {
  %s = snn.lif %x {beta = 0.0, gain = 2.0, threshold = 1.0, state_type = f32}
      : (tensor<3x2xf32>) -> tensor<3x2xi1>
  return %s : tensor<3x2xi1>
}
