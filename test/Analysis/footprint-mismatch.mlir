// The check fails when the model and the IR disagree: here the model is
// deliberately evaluated with another time tile (model-time-tile) or band
// size (model-tile-size) than the schedule the IR is tiled with.
// RUN: snn-opt %s --test-snn-footprint -o /dev/null
// RUN: not snn-opt %s --test-snn-footprint=model-time-tile=1 -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: not snn-opt %s --test-snn-footprint=model-tile-size=3 -o /dev/null 2>&1 | FileCheck %s --check-prefix=SIZE

// The IR runs time tiles of 2 steps; a model of 1-step tiles expects half the
// staged window of x (1 x 1 x 6 x 4 = 24 bits instead of 48) and half the
// first LIF's tile (32 instead of 64).
// TIME: mlir:25:11: error: 'snn.conv2d#0' staged inputs: 48 bits in the IR, 24 bits in the model
// TIME: mlir:27:11: error: 'snn.lif#1' result tile: 64 bits in the IR, 32 bits in the model
// TIME: remark: group 0: IR buffers 1264 bits, model 1208 bits (IR/model: result tile 64/32, staged inputs 48/24, state tile 384/384, resident state 768/768, old state 0/0)
//
// With bands of 3 rows the model expects the second LIF to work on 3 rows
// (192 bits) instead of 2 (128).
// SIZE: mlir:31:11: error: 'snn.lif#3' state tile: 128 bits in the IR, 192 bits in the model
// SIZE: remark: group 0: IR buffers 1264 bits, model 1328 bits (IR/model: result tile 64/64, staged inputs 48/48, state tile 384/448, resident state 768/768, old state 0/0)

module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  func.func @hybrid(%x: tensor<3x1x6x4xi1>, %w1: tensor<2x1x3x3xi4>, %w2: tensor<2x2x3x3xi4>) -> tensor<3x2x6x4xi1> {
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
