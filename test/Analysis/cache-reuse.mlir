// On a cache (docs/CostModel.md, "Caches"), a group that does not fit
// streams, and its repeated accesses miss in proportion to how far their
// reuse overflows the planned half of the cache: of the S bits touched
// between two uses, C/2 are kept, so a share 1 - (C/2)/S misses again.
// RUN: snn-opt %s -split-input-file --snn-cost-report -o /dev/null | FileCheck %s
//
// One LIF (i8 membrane) over x: T = 4 steps of 4 channels x 2 rows x 4
// columns of i8 (32 B a step), its spikes returned (bytes at the function
// edge, 32 B a step); bands of 1 column (4 bands), time tiles of 2 steps,
// state kept on chip. Per band and step:
//   staged x: a 1-column window of 8 one-byte rows. Each row would touch a
//     line, but the whole step is 32 B: 1 line, 64 B (rows shorter than a
//     line share it);
//   result: likewise 1 line, 64 B, into a buffer of the time tile that is
//     copied into the result after the bands;
//   state: 8 B of the layer's 32 B, copied in and out of the layer's state
//     once per time tile: likewise 1 line, 64 B.
// One step of the op touches S_step = 64 + 64 + 8 = 136 B; a band's time
// tile S_band = the working set (staged and result lines for 2 steps, 256 B,
// the state window, 8 B, and its line, 64 B) = 328 B; with the resident
// state (32 B) the footprint is 360 B.
// Accesses over the run (first touches in brackets):
//   x, from band to band: 64 B x 4 bands x 4 steps = 1,024 B [128 B once];
//   result lines, from band to band: 1,024 B [128 B]; the copy: a read and
//     a write of the whole result, 128 B each, always missed;
//   state copies, from band to band: 64 B x 4 bands x 2 time tiles read
//     [the layer's state once per time tile, 64 B] and written [0], 512 B
//     each; updates from step to step: 128 B read and written [0]; the
//     layer's state carried from time tile to time tile, copied into a new
//     buffer each time: 2 x 32 B read and written, always missed.

// A 256-byte cache (plan 128 B): the step misses a share 1 - 128/136 = 1/17,
// the band 1 - 128/328 = 25/41.
//   I: 128 + 25/41 x 896 = 674.3 B -> 675
//   O: copy read 128 + lines 128 + 25/41 x 896 + copy write 128 = 930.3 -> 931
//   V: copies 64 + 25/41 x 448 + 25/41 x 512, updates 1/17 x 256, carried
//      state 128: 792.5 -> 793
// CHECK-LABEL: cost of @main on cache-256B (global buffer 256 B)
// CHECK: 0 steps/tile=2 colsx1 state-onchip {{ *}}2x4 {{ *}}360 {{.*}} streams
// CHECK: snn.lif#0 {{.*}} 0 {{ *}}675 {{ *}}931 {{ *}}793
// CHECK: off-chip traffic: 2,398 B (W 0, I 675, O 931, V 793)
module attributes {snn.hardware = #snn.hardware<name = "cache-256B", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.0, pj_per_op_multibit = 0.0, levels = [
    #snn.level<name = "registers", kind = register, serves = "WIOV">,
    #snn.level<name = "LL", kind = cache, serves = "WIOV", bytes = 256>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV">]>} {
  func.func @main(%x: tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 1, state = onchip>}
        : (tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1>
    return %s : tensor<4x4x2x4xi1>
  }
}

// -----

// A 512-byte cache (plan 256 B): the step fits (the updates hit), the band
// misses 1 - 256/328 = 9/41.
//   I: 128 + 9/41 x 896 = 324.7 B -> 325
//   O: 128 + 128 + 9/41 x 896 + 128 = 580.7 -> 581
//   V: 64 + 9/41 x 448 + 9/41 x 512 + 128 = 402.7 -> 403
// CHECK-LABEL: cost of @main on cache-512B (global buffer 512 B)
// CHECK: 0 steps/tile=2 colsx1 state-onchip {{ *}}2x4 {{ *}}360 {{.*}} streams
// CHECK: off-chip traffic: 1,308 B (W 0, I 325, O 581, V 403)
module attributes {snn.hardware = #snn.hardware<name = "cache-512B", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.0, pj_per_op_multibit = 0.0, levels = [
    #snn.level<name = "registers", kind = register, serves = "WIOV">,
    #snn.level<name = "LL", kind = cache, serves = "WIOV", bytes = 512>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV">]>} {
  func.func @main(%x: tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 1, state = onchip>}
        : (tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1>
    return %s : tensor<4x4x2x4xi1>
  }
}

// -----

// A 1 KiB cache (plan 512 B): the group fits, and moves only the input and
// the result, once, 128 + 128 B, and the new buffer of the carried state
// each time tile, 2 x 32 B.
// CHECK-LABEL: cost of @main on cache-1KiB (global buffer 1,024 B)
// CHECK: 0 steps/tile=2 colsx1 state-onchip {{ *}}2x4 {{.*}} yes
// CHECK: off-chip traffic: 320 B (W 0, I 128, O 128, V 64)
module attributes {snn.hardware = #snn.hardware<name = "cache-1KiB", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.0, pj_per_op_multibit = 0.0, levels = [
    #snn.level<name = "registers", kind = register, serves = "WIOV">,
    #snn.level<name = "LL", kind = cache, serves = "WIOV", bytes = 1024>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV">]>} {
  func.func @main(%x: tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 1, state = onchip>}
        : (tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1>
    return %s : tensor<4x4x2x4xi1>
  }
}

// -----

// The buffers a layer uses every step (weights, accumulators, converted
// inputs): the first step of a band's time tile uses them again after the
// previous band (here the whole group: one band, one time tile, so that is
// their first touch), the others after the op's previous step. A 3x3
// convolution with 8 output channels (vector lanes along them) over x, 2
// steps of 2 x 4 x 4 spikes (bytes at the function edge, 32 B a step), into
// an i8 LIF; the code packs the weights and converts x into i16 (the
// accumulation type) and reads the converted rows once per kernel row.
//   conv, a step: weights 144 x 2 = 288 B, x 32 B, converted x 64 B,
//     accumulators 8 x 4 x 4 x 2 = 256 B: S_step = 640 B, share
//     1 - 512/640 = 0.2; the group's working set (converted x, accumulators,
//     LIF state 128 B) with the weights, S_band = 736 B, share 1 - 512/736.
//   W: 288 once + 0.2 x 288 (step 2) = 345.6 -> 346
//   I: x 2 x 32 = 64 (from outside the group, never reused); converted x
//     written and read, step 1 at 1 - 512/736 and step 2 at 0.2 of 64 B each,
//     64.6; its 2 more reads a step (3 kernel rows) 0.2 x 2 x 2 x 64 = 51.2:
//     179.8 -> 180
//   O: accumulators read 3 and written 2 times a step (768 + 512 B), step 1
//     at 1 - 512/736, step 2 at 0.2: 645.5 -> 646
// The LIF's step (state 128 B, its result 128 B) fits: its result (returned)
// 2 x 128 = 256 B and its state once, 128 B.
// CHECK-LABEL: cost of @main on cache-1KiB (global buffer 1,024 B)
// CHECK: 0 steps/tile=2 {{ *}}1x1 {{ *}}512 {{.*}} streams
// CHECK: snn.conv2d#0 {{.*}} 346 {{ *}}180 {{ *}}646 {{ *}}0
// CHECK: snn.lif#1 {{.*}} 0 {{ *}}0 {{ *}}256 {{ *}}128
// CHECK: off-chip traffic: 1,555 B (W 346, I 180, O 902, V 128)
module attributes {snn.hardware = #snn.hardware<name = "cache-1KiB", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.0, pj_per_op_multibit = 0.0, levels = [
    #snn.level<name = "registers", kind = register, serves = "WIOV">,
    #snn.level<name = "LL", kind = cache, serves = "WIOV", bytes = 1024>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV">]>} {
  func.func @main(%x: tensor<2x2x4x4xi1>, %w: tensor<8x2x3x3xi4>) -> tensor<2x8x4x4xi1> {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
        : (tensor<2x2x4x4xi1>, tensor<8x2x3x3xi4>) -> tensor<2x8x4x4xi8>
    %s = snn.lif %c {threshold = 1.0, state_type = i8} : (tensor<2x8x4x4xi8>) -> tensor<2x8x4x4xi1>
    return %s : tensor<2x8x4x4xi1>
  }
}

// -----

// Spikes a group with loops builds through its loop are bytes: the LIF of
// the first case, now read by a pooling group instead of returned, writes
// the same 931 B (lines of one byte per spike, the copy of 4 x 32 B). Its
// reader counts the spikes it reads as bits, 4 x 32 / 8 = 16 B (the
// reader's cost does not depend on the writer's schedule); the pooled
// spikes are returned, 4 x 8 B.
// CHECK-LABEL: cost of @main on cache-256B
// CHECK: snn.lif#0 {{.*}} 0 {{ *}}675 {{ *}}931 {{ *}}793
// CHECK: snn.maxpool2d#1 {{.*}} 0 {{ *}}16 {{ *}}32 {{ *}}0
// CHECK: off-chip traffic: 2,446 B (W 0, I 691, O 963, V 793)
module attributes {snn.hardware = #snn.hardware<name = "cache-256B", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.0, pj_per_op_multibit = 0.0, levels = [
    #snn.level<name = "registers", kind = register, serves = "WIOV">,
    #snn.level<name = "LL", kind = cache, serves = "WIOV", bytes = 256>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV">]>} {
  func.func @main(%x: tensor<4x4x2x4xi8>) -> tensor<4x4x1x2xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 1, state = onchip>}
        : (tensor<4x4x2x4xi8>) -> tensor<4x4x2x4xi1>
    %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<4x4x2x4xi1> -> tensor<4x4x1x2xi1>
    return %p : tensor<4x4x1x2xi1>
  }
}
