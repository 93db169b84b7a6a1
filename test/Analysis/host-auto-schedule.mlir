// On a cache, the auto-scheduler keeps layer by layer unless another
// schedule is strictly better. On the described machine (16 MiB L3) the
// two layers fit whatever the schedule, so fusing them moves the same bytes
// (input, weights and result once: 128 + 4 + 4 + 128 B) and buys only the
// fused code's loops: the plain schedule is kept, a group per synapse and
// neuron.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache snn-opt %s --snn-auto-schedule="hardware=host print-report" -o /dev/null | FileCheck %s
// CHECK: snn-auto-schedule @main on host, objective traffic
// CHECK-NEXT: group 0: snn.conv2d#0 .. snn.lif#1 (2 ops): all 4 steps per tile, whole layers
// CHECK-NEXT: group 1: snn.conv2d#2 .. snn.lif#3 (2 ops): all 4 steps per tile, whole layers
// CHECK-NEXT: chosen off-chip 264 B
// CHECK-NEXT: plain (layer by layer) off-chip 264 B

func.func @main(%x: tensor<4x2x4x4xi1>, %w1: tensor<2x2x1x1xi4>, %w2: tensor<2x2x1x1xi4>) -> tensor<4x2x4x4xi1> {
  %0 = snn.conv2d %x, %w1 : (tensor<4x2x4x4xi1>, tensor<2x2x1x1xi4>) -> tensor<4x2x4x4xi8>
  %1 = snn.lif %0 {threshold = 2.0, state_type = i12} : (tensor<4x2x4x4xi8>) -> tensor<4x2x4x4xi1>
  %2 = snn.conv2d %1, %w2 : (tensor<4x2x4x4xi1>, tensor<2x2x1x1xi4>) -> tensor<4x2x4x4xi8>
  %3 = snn.lif %2 {threshold = 2.0, state_type = i12} : (tensor<4x2x4x4xi8>) -> tensor<4x2x4x4xi1>
  return %3 : tensor<4x2x4x4xi1>
}
