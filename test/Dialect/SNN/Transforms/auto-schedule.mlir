// RUN: snn-opt %s --snn-auto-schedule="print-report=true" --split-input-file | FileCheck %s
// The output is deterministic: the same schedule twice.
// RUN: snn-opt %s --snn-auto-schedule --split-input-file > %t.1
// RUN: snn-opt %s --snn-auto-schedule --split-input-file > %t.2
// RUN: diff %t.1 %t.2

// Two 3x3 conv+LIF layers and a pool on a 16 KiB buffer. Whole layers over
// all 8 steps need 12 KiB of state for one layer and spill spikes between
// layers (the best without spatial tiles moves 20,840 B); only bands reach the
// compulsory traffic (weights 4,896 + 576 bits, input 8 x 2 x 32 x 32 bits,
// output 8 x 8 x 16 x 16 bits: 4,456 B), keeping the spikes between groups on
// chip.
// CHECK-LABEL: snn-auto-schedule @block on small, objective energy, accounting default
// CHECK: best without spatial tiles   off-chip {{.*}}20,840 B
// CHECK: lower bound {{.*}}off-chip {{.*}}4,456 B  (chosen / bound = 1.000)
// CHECK: snn.conv2d {{.*}}schedule = #snn.schedule<group = 0, {{.*}}tile_axis = {{rows|cols|channels}}
// CHECK: snn.lif {{.*}}schedule = #snn.schedule<group = 0,
// CHECK: snn.maxpool2d {{.*}}schedule = #snn.schedule<group = {{[0-9]+}},
module attributes {snn.hardware = #snn.hardware<name = "small", mac_units = 16,
    mac_array = [4, 2, 2, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 16384, bw = 64, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @block(%x: tensor<8x2x32x32xi1>, %w1: tensor<8x2x3x3xi4>, %w2: tensor<8x8x3x3xi4>) -> tensor<8x8x16x16xi1> {
    %c1 = snn.conv2d %x, %w1 {padding = array<i64: 1, 1>} : (tensor<8x2x32x32xi1>, tensor<8x2x3x3xi4>) -> tensor<8x8x32x32xi12> loc("conv1")
    %s1 = snn.lif %c1 {beta = 0.5, threshold = 4.0, state_type = i12} : (tensor<8x8x32x32xi12>) -> tensor<8x8x32x32xi1> loc("lif1")
    %c2 = snn.conv2d %s1, %w2 {padding = array<i64: 1, 1>} : (tensor<8x8x32x32xi1>, tensor<8x8x3x3xi4>) -> tensor<8x8x32x32xi12> loc("conv2")
    %s2 = snn.lif %c2 {beta = 0.5, threshold = 4.0, state_type = i12} : (tensor<8x8x32x32xi12>) -> tensor<8x8x32x32xi1> loc("lif2")
    %p = snn.maxpool2d %s2 {kernel = array<i64: 2, 2>} : tensor<8x8x32x32xi1> -> tensor<8x8x16x16xi1> loc("pool")
    return %p : tensor<8x8x16x16xi1>
  }
}

// -----

// A small network on a large buffer: the plain schedule already moves only
// compulsory traffic; the search keeps it (no schedule is written).
// CHECK-LABEL: snn-auto-schedule @tiny
// CHECK: lower bound {{.*}}(chosen / bound = 1.000)
// CHECK-NOT: schedule =
// CHECK: return
module attributes {snn.hardware = #snn.hardware<name = "big", mac_units = 16,
    mac_array = [4, 2, 2, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 64, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @tiny(%x: tensor<4x16xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xi1> {
    %d = snn.dense %x, %w : (tensor<4x16xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
    %s = snn.lif %d {threshold = 1.0, state_type = f32} : (tensor<4x8xf32>) -> tensor<4x8xi1>
    return %s : tensor<4x8xi1>
  }
}

// -----

// A network input read by two layers of one group crosses no cut: the search
// places it as the cost model does, on chip where it fits, staged once. Over
// both steps x (32 B) does not fit beside the group; with 1 step per tile it
// does, and the schedule reaches the bound: x and the result once (64 B). The
// search once charged x to each reader and kept the whole steps (96 B).
// CHECK-LABEL: snn-auto-schedule @read_twice on gb48, objective energy
// CHECK: group   0: snn.scale#0 .. snn.add#1 (2 ops): 1 step(s) per tile
// CHECK: chosen                       off-chip             64 B
// CHECK: lower bound {{.*}}(chosen / bound = 1.000)
module attributes {snn.hardware = #snn.hardware<name = "gb48", mac_units = 16,
    mac_array = [4, 2, 2, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 48, bw = 64, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @read_twice(%x: tensor<2x16xi8>) -> tensor<2x16xi8> {
    %s = snn.scale %x {factor = 0.5 : f64} : tensor<2x16xi8> -> tensor<2x16xi8>
    %a = snn.add %s, %x : tensor<2x16xi8>, tensor<2x16xi8> -> tensor<2x16xi8>
    return %a : tensor<2x16xi8>
  }
}
