// Fusion on fused IR changes nothing, whatever snn-batch-time and
// snn-tile-spatial made of the groups: snn-to-loops fuses again. A group
// split into bands has no layer op directly in its body (they are inside its
// loop over bands); fusion used to take the first of none and crash.
// RUN: snn-opt %s --split-input-file --snn-fuse-layers --snn-tile-spatial -o %t.tiled
// RUN: snn-opt %t.tiled --split-input-file --snn-fuse-layers -o %t.refused
// RUN: diff %t.tiled %t.refused
// RUN: snn-opt %s --split-input-file --snn-fuse-layers --snn-batch-time --snn-tile-spatial -o %t.batched
// RUN: snn-opt %t.batched --split-input-file --snn-fuse-layers -o %t.rebatched
// RUN: diff %t.batched %t.rebatched
// RUN: snn-opt %s --split-input-file --snn-fuse-layers --snn-tile-spatial --snn-fuse-layers | FileCheck %s

// CHECK-LABEL: func.func @banded
// CHECK: snn.group({{.*}}) {schedule = #snn.schedule<group = 0, time_tile = 1>}
// CHECK: scf.for
// CHECK: snn.dense
// CHECK: snn.threshold
// CHECK: snn.yield
// A scheduled op after the banded group is still outlined.
// CHECK: snn.group({{.*}}) {schedule = #snn.schedule<group = 1>}
// CHECK-NEXT: ^bb0
// CHECK-NEXT: snn.delay
func.func @banded(%x: tensor<2x3xi1>, %w: tensor<4x3xi8>) -> tensor<2x4xi1> {
  %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 1, tile_axis = channels, tile_size = 1>}
      : (tensor<2x3xi1>, tensor<4x3xi8>) -> tensor<2x4xi8>
  %s = snn.threshold %d {threshold = 1.0, schedule = #snn.schedule<group = 0, time_tile = 1, tile_axis = channels, tile_size = 1>}
      : tensor<2x4xi8> -> tensor<2x4xi1>
  %r = snn.delay %s {steps = 1 : i64, schedule = #snn.schedule<group = 1>} : (tensor<2x4xi1>) -> tensor<2x4xi1>
  return %r : tensor<2x4xi1>
}
