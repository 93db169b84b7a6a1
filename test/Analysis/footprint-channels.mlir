// Spatial tiling by output channels: weights are sliced per band, inputs are
// read whole by every band.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null --split-input-file

// T = 2; conv 3x3 (pad 1) from 2 to 4 channels of 4 x 4 -> LIF (i8) ->
// sumpool 2x2 -> threshold, in bands of 2 channels: 2 bands, every op's
// window 2 channels. Each band stages all of x (a convolution reads every
// input channel): 2 steps x 2 x 4 x 4 x 1 bit = 64 bits. The LIF's spikes
// are read by the pool: 2 x 2 x 4 x 4 = 64 bits; the pool's sums, 3-bit
// (i3) by the threshold, which takes them one step at a time: registers.
// State: 2 x 4 x 4 x 8 = 256 bits. 64 + 64 + 256 = 384.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 384 bits, model 384 bits (IR/model: result tile 64/64, staged inputs 64/64, state tile 256/256, resident state 0/0, old state 0/0)}}
  func.func @conv(%x: tensor<2x2x4x4xi1>, %w: tensor<4x2x3x3xi4>) -> tensor<2x4x2x2xi1> {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>}
        : (tensor<2x2x4x4xi1>, tensor<4x2x3x3xi4>) -> tensor<2x4x4x4xi8>
    %s = snn.lif %c {threshold = 1.0, state_type = i8, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>}
        : (tensor<2x4x4x4xi8>) -> tensor<2x4x4x4xi1>
    %p = snn.sumpool2d %s {kernel = array<i64: 2, 2>, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>}
        : tensor<2x4x4x4xi1> -> tensor<2x4x2x2xi3>
    %t = snn.threshold %p {threshold = 2.0, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 2>}
        : tensor<2x4x2x2xi3> -> tensor<2x4x2x2xi1>
    return %t : tensor<2x4x2x2xi1>
  }
}

// -----

// A dense layer of 8 outputs in bands of 3 channels: 3 bands, the last
// shifted back to channels 5..7. Each band reads x whole (2 x 6 = 12 bits)
// and updates the state of its 3 current-based neurons (i8 current, i8
// membrane, 1 bit of previous spike: 3 x 17 = 51 bits).
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 63 bits, model 63 bits (IR/model: result tile 0/0, staged inputs 12/12, state tile 51/51, resident state 0/0, old state 0/0)}}
  func.func @dense(%x: tensor<2x6xi1>, %w: tensor<8x6xi4>) -> tensor<2x8xi1> {
    %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 3>} : (tensor<2x6xi1>, tensor<8x6xi4>) -> tensor<2x8xi8>
    %s = snn.cuba_lif %d {threshold = 1.0, state_type = i8, syn_type = i8, reset_timing = #snn.reset_timing<next>, schedule = #snn.schedule<group = 0, tile_axis = channels, tile_size = 3>} : (tensor<2x8xi8>) -> tensor<2x8xi1>
    return %s : tensor<2x8xi1>
  }
}
