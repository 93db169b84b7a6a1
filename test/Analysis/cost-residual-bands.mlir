// A residual inside a fused group tiled in bands of 2 columns: windows, halos
// read by neighbouring bands, and the state of each band. Worked out by hand
// from docs/CostModel.md.
// RUN: snn-opt %s --test-snn-cost --verify-diagnostics -o /dev/null

// T = 2; x: 1 channel x 1 row x 6 columns of spikes; conv 1x3 (pad 0, 1):
// every output column reads input columns c-1..c+1; LIF (i8 state); the add
// ORs the LIF's spikes with x. Bands of 2 output columns: 3 bands, windows of 2
// columns at 0, 2, 4 for the add, the LIF and the conv; the conv reads 4 input
// columns per band, of which 3, 4 and 3 lie inside the layer (10 per step).
// conv: 6 ops a band x 3 bands x 2 steps = 36; reads x tiles of 4 bits a step
//   from the buffer (4 x 3 x 2 = 24) and its 12 weight bits once per band (36);
//   off chip x is read once (12 bits): it stays in the buffer.
// lif: 2 x 3 x 2 = 12 ops; state 16 bits a band (48 for the layer), read and
//   written every step (96 each way); writes 2 spikes per band and step (12).
// add: 12 ops; reads the LIF's and x's tiles (2 + 2 bits a step per band: 24);
//   writes 12; its result is the output: 12 bits off chip.
// Working set: x tiles 4 x 2 (conv) + 2 x 2 (add) + LIF spikes 2 x 2 + state
//   16 = 32 bits (the partial sums stay in registers; the add's result only
//   leaves the group: it crosses groups, and stays on chip with x).
// Off chip 12 + 12 + 12 = 36 bits = the lower bound.

module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1024, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+2 {{group 0: 1 time tiles of 2 steps, 3 bands, working set 32 bits, resident state 0, weights 12, live tensors 24, fits}}
  // expected-remark @+1 {{off-chip 36 bits, lower bound 36 bits}}
  func.func @main(%x: tensor<2x1x1x6xi1>, %w: tensor<1x1x1x3xi4>) -> tensor<2x1x1x6xi1> {
    // expected-remark @+1 {{group 0, ops 36, off-chip read bits W 12 I 12 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 36 I 24 O 0 V 0, written W 12 I 12 O 0 V 0, local W 36 I 24}}
    %c = snn.conv2d %x, %w {padding = array<i64: 0, 1>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>}
        : (tensor<2x1x1x6xi1>, tensor<1x1x1x3xi4>) -> tensor<2x1x1x6xi8>
    // expected-remark @+1 {{group 0, ops 12, off-chip read bits W 0 I 0 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 0 I 0 O 0 V 96, written W 0 I 0 O 12 V 96, local W 0 I 0}}
    %s = snn.lif %c {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>}
        : (tensor<2x1x1x6xi8>) -> tensor<2x1x1x6xi1>
    // expected-remark @+1 {{group 0, ops 12, off-chip read bits W 0 I 0 O 0 V 0, written W 0 I 0 O 12 V 0, buffer read W 0 I 24 O 12 V 0, written W 0 I 0 O 12 V 0, local W 0 I 24}}
    %a = snn.add %s, %x {mode = #snn.add_mode<or>, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 2>}
        : tensor<2x1x1x6xi1>, tensor<2x1x1x6xi1> -> tensor<2x1x1x6xi1>
    return %a : tensor<2x1x1x6xi1>
  }
}
