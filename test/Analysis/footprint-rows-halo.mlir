// Spatial tiling by rows with convolution halos, all time steps at once:
// bands read sliding windows of the input, and the first LIF computes the
// halo rows the second convolution needs.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null

// T = 3; x: 1 channel x 6 rows x 4 columns of spikes; conv 3x3 (pad 1) ->
// LIF (i8) -> conv 3x3 (pad 1) -> LIF (i8), 2 channels each, in bands of 2
// output rows: 3 bands. Windows (rows): the second LIF and conv 2 rows at 0,
// 2, 4; the first LIF and conv 4 rows (the second conv reads rows r-1..r+2
// of them, clipped to the layer and shifted inside: at 0, 1, 2); the first
// conv reads 4 + 2 = 6 rows of x per band (padded at the layer's edges).
//
//   staged inputs: conv 1's window of x, 3 steps x 1 x 6 x 4 x 1 bit = 72
//   result tiles:  the first LIF's spikes, read by conv 2 in the group:
//                  3 x 2 x 4 x 4 x 1 bit = 96 (the convs feed their LIFs one
//                  step at a time: registers; the second LIF's tile only
//                  leaves the group)
//   state tiles:   LIF 1: 2 x 4 x 4 x 8 bits = 256, LIF 2: 2 x 2 x 4 x 8 = 128
//
// 72 + 96 + 384 = 552 bits on both sides. The padded copy of the first LIF's
// tile conv 2 reads at the layer's edges counts on neither side (padding is
// addressing of the producer's tile).

module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 552 bits, model 552 bits (IR/model: result tile 96/96, staged inputs 72/72, state tile 384/384, resident state 0/0, old state 0/0); not compared: resident weights 216, live tensors 216}}
  func.func @rows(%x: tensor<3x1x6x4xi1>, %w1: tensor<2x1x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<3x1x6x4xi1>, tensor<2x1x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s1 = snn.lif %c1 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi1>, tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi8>
    %s2 = snn.lif %c2 {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = rows, tile_size = 2>}
        : (tensor<3x2x6x4xi8>) -> tensor<3x2x6x4xi1>
    return %s2 : tensor<3x2x6x4xi1>
  }
}
