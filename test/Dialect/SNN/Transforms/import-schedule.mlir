// The schedules of a full network (T = 16, 16x16 maps, 8 channels, 10 outputs)
// move onto its reduced copy (T = 4, 8x8 maps, 4 channels, 1 output) layer by
// name; tiles that do not fit are adjusted, each with a remark.
// RUN: split-file %s %t
// RUN: snn-opt %t/reduced.mlir --snn-import-schedule=from=%t/full.mlir --mlir-print-debuginfo \
// RUN:   --mlir-print-local-scope 2> %t/remarks | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK --implicit-check-not=remark < %t/remarks
// The full network printed by snn-opt with its locations (aliases) reads the same.
// RUN: snn-opt %t/full.mlir --mlir-print-debuginfo -o %t/full-printed.mlir
// RUN: snn-opt %t/reduced.mlir --snn-import-schedule=from=%t/full-printed.mlir --mlir-print-debuginfo \
// RUN:   --mlir-print-local-scope 2>/dev/null | FileCheck %s

// Group 0: tiles of 10 of 16 steps -> 10 * 4/16 = 2.5, ties to even: 2; bands
// of 6 of 16 columns stay 6 (< 8); state stays spill.
// CHECK: snn.conv2d {{.*}}schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 6, state = spill>{{.*}} loc("c1")
// CHECK: snn.lif {{.*}}schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 6, state = spill>{{.*}} loc("s1")
// Group 1: tiles of 14 of 16 steps -> 3.5, to even: 4, below 4 steps: 3; one
// band of all 16 rows of s2 -> all 8.
// CHECK: snn.conv2d {{.*}}schedule = #snn.schedule<group = 1, time_tile = 3, tile_axis = rows, tile_size = 8>{{.*}} loc("c2")
// CHECK: snn.lif {{.*}}schedule = #snn.schedule<group = 1, time_tile = 3, tile_axis = rows, tile_size = 8>{{.*}} loc("s2")
// Alone: tiles of 2 steps stay (< 4); 4 of 8 channels -> 4 * 4/8 = 2.
// CHECK: snn.maxpool2d {{.*}}schedule = #snn.schedule<time_tile = 2, tile_axis = channels, tile_size = 2>{{.*}} loc("p")
// No schedule in the full network: the reduced one's is removed.
// CHECK: snn.flatten
// CHECK-NOT: schedule
// CHECK-SAME: loc("f")
// All 16 steps -> all 4; 5 of 10 outputs -> the only one.
// CHECK: snn.dense {{.*}}schedule = #snn.schedule<time_tile = 4, tile_axis = channels, tile_size = 1>{{.*}} loc("d")
// CHECK: snn.lif
// CHECK-NOT: schedule
// CHECK-SAME: loc("o")

// REMARK: remark: loc("c1"): c1..s1: time_tile 10 -> 2 (time steps 16 -> 4: tiles of 10 of 16: scaled to keep several of 4)
// REMARK: remark: loc("c2"): c2..s2: time_tile 14 -> 3 (time steps 16 -> 4: tiles of 14 of 16: scaled to keep several of 4)
// REMARK: remark: loc("c2"): c2..s2: tile_size 16 -> 8 (rows of s2 16 -> 8: one tile of all 16 -> all 8)
// REMARK: remark: loc("p"): p: tile_size 4 -> 2 (channels of p 8 -> 4: tiles of 4 of 8: scaled to keep several of 4)
// REMARK: remark: loc("d"): d: time_tile 16 -> 4 (time steps 16 -> 4: one tile of all 16 -> all 4)
// REMARK: remark: loc("d"): d: tile_size 5 -> 1 (channels of d 10 -> 1: extent 1: only tiles of 1)

//--- full.mlir
func.func @main(%x: tensor<16x2x16x16xi1>, %w1: tensor<8x2x3x3xi8>, %w2: tensor<8x8x3x3xi8>,
                %wd: tensor<10x512xi8>) -> tensor<16x10xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 10, tile_axis = cols, tile_size = 6, state = spill>}
      : (tensor<16x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<16x8x16x16xi16> loc("c1")
  %s1 = snn.lif %c1 {threshold = 3.0, state_type = i16, schedule = #snn.schedule<group = 0, time_tile = 10, tile_axis = cols, tile_size = 6, state = spill>}
      : (tensor<16x8x16x16xi16>) -> tensor<16x8x16x16xi1> loc("s1")
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 1, time_tile = 14, tile_axis = rows, tile_size = 16>}
      : (tensor<16x8x16x16xi1>, tensor<8x8x3x3xi8>) -> tensor<16x8x16x16xi16> loc("c2")
  %s2 = snn.lif %c2 {threshold = 3.0, state_type = i16, schedule = #snn.schedule<group = 1, time_tile = 14, tile_axis = rows, tile_size = 16>}
      : (tensor<16x8x16x16xi16>) -> tensor<16x8x16x16xi1> loc("s2")
  %p = snn.maxpool2d %s2 {kernel = array<i64: 2, 2>, schedule = #snn.schedule<time_tile = 2, tile_axis = channels, tile_size = 4>}
      : tensor<16x8x16x16xi1> -> tensor<16x8x8x8xi1> loc("p")
  %f = snn.flatten %p : tensor<16x8x8x8xi1> -> tensor<16x512xi1> loc("f")
  %d = snn.dense %f, %wd {schedule = #snn.schedule<time_tile = 16, tile_axis = channels, tile_size = 5>}
      : (tensor<16x512xi1>, tensor<10x512xi8>) -> tensor<16x10xi16> loc("d")
  %o = snn.lif %d {threshold = 3.0, state_type = i16} : (tensor<16x10xi16>) -> tensor<16x10xi1> loc("o")
  return %o : tensor<16x10xi1>
}

//--- reduced.mlir
func.func @main(%x: tensor<4x2x8x8xi1>, %w1: tensor<4x2x3x3xi8>, %w2: tensor<4x4x3x3xi8>,
                %wd: tensor<1x64xi8>) -> tensor<4x1xi1> {
  %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>}
      : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16> loc("c1")
  %s1 = snn.lif %c1 {threshold = 3.0, state_type = i16} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1> loc("s1")
  %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>}
      : (tensor<4x4x8x8xi1>, tensor<4x4x3x3xi8>) -> tensor<4x4x8x8xi16> loc("c2")
  %s2 = snn.lif %c2 {threshold = 3.0, state_type = i16} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1> loc("s2")
  %p = snn.maxpool2d %s2 {kernel = array<i64: 2, 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1> loc("p")
  %f = snn.flatten %p {schedule = #snn.schedule<time_tile = 1>} : tensor<4x4x4x4xi1> -> tensor<4x64xi1> loc("f")
  %d = snn.dense %f, %wd : (tensor<4x64xi1>, tensor<1x64xi8>) -> tensor<4x1xi16> loc("d")
  %o = snn.lif %d {threshold = 3.0, state_type = i16, schedule = #snn.schedule<group = 5>} : (tensor<4x1xi16>) -> tensor<4x1xi1> loc("o")
  return %o : tensor<4x1xi1>
}
