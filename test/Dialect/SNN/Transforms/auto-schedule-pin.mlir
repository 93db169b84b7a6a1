// A pinned layer keeps its schedule group; the search schedules the rest.
// RUN: snn-opt %s --snn-auto-schedule="pin=lif1" | FileCheck %s
// CHECK: snn.conv2d {{.*}}schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 8>
// CHECK: snn.lif {{.*}}schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = rows, tile_size = 8>
// CHECK: snn.maxpool2d
module attributes {snn.hardware = #snn.hardware<name = "small", mac_units = 16,
    mac_array = [4, 2, 2, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 64, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @block(%x: tensor<8x2x32x32xi1>, %w1: tensor<8x2x3x3xi4>) -> tensor<8x8x16x16xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 3, time_tile = 2, tile_axis = rows, tile_size = 8>} : (tensor<8x2x32x32xi1>, tensor<8x2x3x3xi4>) -> tensor<8x8x32x32xi12> loc("conv1")
    %s1 = snn.lif %c1 {beta = 0.5, threshold = 4.0, state_type = i12, schedule = #snn.schedule<group = 3, time_tile = 2, tile_axis = rows, tile_size = 8>} : (tensor<8x8x32x32xi12>) -> tensor<8x8x32x32xi1> loc("lif1")
    %p = snn.maxpool2d %s1 {kernel = array<i64: 2, 2>} : tensor<8x8x32x32xi1> -> tensor<8x8x16x16xi1> loc("pool")
    return %p : tensor<8x8x16x16xi1>
  }
}
