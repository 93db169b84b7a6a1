// A fused group with a residual add: the block's input is read both by the
// first convolution and by the add at the end.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null --split-input-file

// T = 2; x: 2 channels x 6 rows x 4 columns of spikes; conv 3x3 (pad 1) ->
// LIF (i8) -> conv 3x3 (pad 1) -> LIF (i8) -> add (or) with x, in bands of 2
// rows: 3 bands. Windows: the add, the second LIF and conv 2 rows; the first
// LIF and conv 4 rows (the second conv's halo).
//
//   staged inputs: x twice: conv 1 reads 6 rows (2 x 2 x 6 x 4 = 96 bits),
//                  the add 2 rows (2 x 2 x 2 x 4 = 32): 128
//   result tiles:  LIF 1 read by conv 2: 2 x 2 x 4 x 4 = 64; LIF 2 read by
//                  the add: 2 x 2 x 2 x 4 = 32: 96
//   state tiles:   2 x 4 x 4 x 8 = 256 and 2 x 2 x 4 x 8 = 128: 384
//
// 128 + 96 + 384 = 608 bits on both sides.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 608 bits, model 608 bits (IR/model: result tile 96/96, staged inputs 128/128, state tile 384/384, resident state 0/0, old state 0/0)}}
  func.func @bands(%x: tensor<2x2x6x4xi1>, %w1: tensor<2x2x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<2x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi8>
    %s1 = snn.lif %c1 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<2x2x6x4xi8>) -> tensor<2x2x6x4xi1>
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<2x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi8>
    %s2 = snn.lif %c2 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<2x2x6x4xi8>) -> tensor<2x2x6x4xi1>
    %a = snn.add %s2, %x {mode = #snn.add_mode<or>, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : tensor<2x2x6x4xi1>, tensor<2x2x6x4xi1> -> tensor<2x2x6x4xi1>
    return %a : tensor<2x2x6x4xi1>
  }
}

// -----

// The same block fused whole (no bands, all steps): the LIFs' spikes read in
// the group are whole tensors (2 x 2 x 6 x 4 = 96 bits each), the inputs are
// read where they lie (nothing staged), each LIF keeps the state of its
// whole layer (2 x 6 x 4 x 8 = 384 bits): 192 + 768 = 960 bits.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 960 bits, model 960 bits (IR/model: result tile 192/192, staged inputs 0/0, state tile 768/768, resident state 0/0, old state 0/0)}}
  func.func @whole(%x: tensor<2x2x6x4xi1>, %w1: tensor<2x2x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0>}
        : (tensor<2x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi8>
    %s1 = snn.lif %c1 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0>}
        : (tensor<2x2x6x4xi8>) -> tensor<2x2x6x4xi1>
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0>}
        : (tensor<2x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<2x2x6x4xi8>
    %s2 = snn.lif %c2 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0>}
        : (tensor<2x2x6x4xi8>) -> tensor<2x2x6x4xi1>
    %a = snn.add %s2, %x {mode = #snn.add_mode<or>, schedule = #snn.schedule<group = 0>}
        : tensor<2x2x6x4xi1>, tensor<2x2x6x4xi1> -> tensor<2x2x6x4xi1>
    return %a : tensor<2x2x6x4xi1>
  }
}
