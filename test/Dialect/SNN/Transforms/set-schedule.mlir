// RUN: snn-opt %s --snn-set-schedule=mode=st-lbl | FileCheck %s --check-prefix=STLBL
// RUN: snn-opt %s --snn-set-schedule="mode=tb-f tile-size=2" | FileCheck %s --check-prefix=TBF
// RUN: snn-opt %s --snn-set-schedule="mode=st-f tile-axis=rows state=onchip" | FileCheck %s --check-prefix=STF
// RUN: snn-opt %s --snn-set-schedule="mode=tb-f tile-axis=channels blocks=0" | FileCheck %s --check-prefix=BLOCK
// RUN: snn-opt %s --snn-set-schedule="mode=st-lbl" --snn-set-schedule="mode=tb-lbl" | FileCheck %s --check-prefix=TBLBL
// RUN: not snn-opt %s --snn-set-schedule=mode=fused 2>&1 | FileCheck %s --check-prefix=MODE
// RUN: not snn-opt %s --snn-set-schedule=state=dram 2>&1 | FileCheck %s --check-prefix=STATE
// RUN: not snn-opt %s --snn-set-schedule="mode=tb-f tile-axis=none" 2>&1 | FileCheck %s --check-prefix=AXIS

// Block 0 (conv, LIF) is spatially tileable; the maxpool has no block and is
// a group of its own; block 1 (flatten, dense, LIF) has no columns, rows or
// channels to band, so the fused modes keep it whole.

// STLBL-COUNT-2: schedule = #snn.schedule<group = 0, time_tile = 1, state = spill>
// STLBL: snn.maxpool2d {{.*}}schedule = #snn.schedule<time_tile = 1, state = spill>
// STLBL-COUNT-3: schedule = #snn.schedule<group = 1, time_tile = 1, state = spill>

// TBF-COUNT-2: schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>
// TBF: snn.maxpool2d {{.*}}schedule = #snn.schedule<tile_axis = cols, tile_size = 2>
// TBF-COUNT-3: schedule = #snn.schedule<group = 1>{{[,}]}}

// STF-COUNT-2: schedule = #snn.schedule<group = 0, time_tile = 1, tile_axis = rows, tile_size = 1>
// STF: snn.maxpool2d {{.*}}schedule = #snn.schedule<time_tile = 1, tile_axis = rows, tile_size = 1>
// STF-COUNT-3: schedule = #snn.schedule<group = 1, time_tile = 1>{{[,}]}}

// Only block 0 is scheduled: the rest keeps no schedule.
// BLOCK-COUNT-2: schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 1>
// BLOCK-NOT: schedule

// TB-LBL removes what an earlier schedule wrote.
// TBLBL-NOT: schedule

// A value outside an option's list fails when the pipeline is parsed.
// MODE: for the --mode option: Cannot find option named 'fused'!
// STATE: for the --state option: Cannot find option named 'dram'!
// AXIS: for the --tile-axis option: Cannot find option named 'none'!

func.func @net(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi8>, %w2: tensor<10x64xi8>) -> tensor<4x10xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, snn.block = 0 : i64}
      : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x8x8xi16>
  %s = snn.lif %c {threshold = 3.0, state_type = i12, snn.block = 0 : i64}
      : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1>
  %f = snn.flatten %p {snn.block = 1 : i64} : tensor<4x4x4x4xi1> -> tensor<4x64xi1>
  %d = snn.dense %f, %w2 {snn.block = 1 : i64} : (tensor<4x64xi1>, tensor<10x64xi8>) -> tensor<4x10xi16>
  %o = snn.lif %d {threshold = 3.0, state_type = i12, snn.block = 1 : i64} : (tensor<4x10xi16>) -> tensor<4x10xi1>
  return %o : tensor<4x10xi1>
}
