// Time tiles and spatial bands together: the state of the whole layer stays
// on chip between time tiles and every band of a tile starts from it.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null --split-input-file

// T = 3 in time tiles of 2 (and a last one of 1); x: 1 channel x 6 rows x 4
// columns; conv 3x3 (pad 1) -> LIF (i8) -> conv 3x3 (pad 1) -> LIF (i8), 2
// channels, bands of 2 output rows: 3 bands; the first LIF's windows are 4
// rows at 0, 1, 2, the second LIF's 2 rows at 0, 2, 4 (one row of state is
// 2 x 4 x 8 = 64 bits).
//
//   staged inputs:  conv 1's 6 rows of x, 2 steps x 1 x 6 x 4 = 48 bits
//   result tiles:   LIF 1's spikes, 2 x 2 x 4 x 4 = 64
//   state tiles:    4 rows + 2 rows = 384
//   resident state: both layers whole, 2 x 384 = 768
//   old state:      none. LIF 1's windows advance by one row: band 0
//                   computes rows 0..3, bands 1 and 2 keep the rows they
//                   share with the band before and compute only their new
//                   row (4, then 5) from its state at the start of the time
//                   tile, which no earlier band has advanced. LIF 2's windows
//                   do not overlap.
//
// 48 + 64 + 384 + 768 = 1264 bits on both sides.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 1264 bits, model 1264 bits (IR/model: result tile 64/64, staged inputs 48/48, state tile 384/384, resident state 768/768, old state 0/0); not compared: resident weights 216, live tensors 216}}
  func.func @onchip(%x: tensor<3x1x6x4xi1>, %w1: tensor<2x1x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2>}
        : (tensor<3x1x6x4xi1>, tensor<2x1x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s1 = snn.lif %c1 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s2 = snn.lif %c2 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    return %s2 : tensor<3x2x6x4xi1>
  }
}

// -----

// The same with the state spilled between time tiles: off chip, both its
// versions; on chip only the bands' windows: 48 + 64 + 384 = 496 bits.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 496 bits, model 496 bits (IR/model: result tile 64/64, staged inputs 48/48, state tile 384/384, resident state 0/0, old state 0/0)}}
  func.func @spill(%x: tensor<3x1x6x4xi1>, %w1: tensor<2x1x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2, state = spill>}
        : (tensor<3x1x6x4xi1>, tensor<2x1x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s1 = snn.lif %c1 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2, state = spill>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2, state = spill>}
        : (tensor<3x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s2 = snn.lif %c2 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 2, state = spill>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    return %s2 : tensor<3x2x6x4xi1>
  }
}

// -----

// Channel bands of a dense layer with time tiles of 2 of 5 steps: 8 outputs
// in bands of 3, the last shifted back to channels 5..7, so channel 5 is
// advanced by band 1 before band 2 starts from its old state. The
// current-based LIF keeps 17 bits a neuron (i8 current, i8 membrane, the
// previous spike), the delay 2 steps of 1 bit.
//
//   staged inputs:  x whole, 2 steps x 6 = 12 bits
//   result tiles:   the LIF's spikes the delay reads, 2 x 3 = 6
//   state tiles:    3 x 17 + 2 x 3 = 57
//   resident state: 8 x 17 + 2 x 8 = 152
//   old state:      one channel: 17 + 2 = 19
//
// 12 + 6 + 57 + 152 + 19 = 246 bits.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 246 bits, model 246 bits (IR/model: result tile 6/6, staged inputs 12/12, state tile 57/57, resident state 152/152, old state 19/19)}}
  func.func @dense(%x: tensor<5x6xi1>, %w: tensor<8x6xi4>) -> tensor<5x8xi1> {
    %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = channels, tile_size = 3>} : (tensor<5x6xi1>, tensor<8x6xi4>) -> tensor<5x8xi8>
    %s = snn.cuba_lif %d {threshold = 1.0, state_type = i8, syn_type = i8, reset_timing = #snn.reset_timing<next>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = channels, tile_size = 3>} : (tensor<5x8xi8>) -> tensor<5x8xi1>
    %y = snn.delay %s {steps = 2 : i64, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = channels, tile_size = 3>} : (tensor<5x8xi1>) -> tensor<5x8xi1>
    return %y : tensor<5x8xi1>
  }
}
