// Time batching with state: groups run in time tiles of 2 of 5 steps (two
// tiles and a last one of 1 step); neurons and delays carry their state from
// tile to tile, on chip or spilled.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null --split-input-file

// dense -> LIF (i8, reset next: 9 bits a neuron) -> delay of 2 steps, 4
// neurons. The dense is a step-wise synapse (registers). The delay reads the
// LIF's spikes inside the group: a tile of 2 steps x 4 = 8 bits (the last
// tile has 4; the larger counts). On chip, the time loop carries the LIF's
// state (36 bits) and the delay line (2 x 4 = 8 bits), which the ops update
// in place: 44 bits of resident state. The delay's result leaves the group.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 52 bits, model 52 bits (IR/model: result tile 8/8, staged inputs 0/0, state tile 0/0, resident state 44/44, old state 0/0); not compared: resident weights 96, live tensors 50}}
  func.func @onchip(%x: tensor<5x6xi1>, %w: tensor<4x6xi4>) -> tensor<5x4xi1> {
    %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 2>} : (tensor<5x6xi1>, tensor<4x6xi4>) -> tensor<5x4xi8>
    %s = snn.lif %d {threshold = 1.0, state_type = i8, reset_timing = #snn.reset_timing<next>, schedule = #snn.schedule<group = 0, time_tile = 2>} : (tensor<5x4xi8>) -> tensor<5x4xi1>
    %y = snn.delay %s {steps = 2 : i64, schedule = #snn.schedule<group = 0, time_tile = 2>} : (tensor<5x4xi1>) -> tensor<5x4xi1>
    return %y : tensor<5x4xi1>
  }
}

// -----

// Spilled: the carried state lives off chip between tiles; each tile works
// on the whole layer's state (36 + 8 = 44 bits of state tiles).
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+1 {{group 0: IR buffers 52 bits, model 52 bits (IR/model: result tile 8/8, staged inputs 0/0, state tile 44/44, resident state 0/0, old state 0/0)}}
  func.func @spill(%x: tensor<5x6xi1>, %w: tensor<4x6xi4>) -> tensor<5x4xi1> {
    %d = snn.dense %x, %w {schedule = #snn.schedule<group = 0, time_tile = 2, state = spill>} : (tensor<5x6xi1>, tensor<4x6xi4>) -> tensor<5x4xi8>
    %s = snn.lif %d {threshold = 1.0, state_type = i8, reset_timing = #snn.reset_timing<next>, schedule = #snn.schedule<group = 0, time_tile = 2, state = spill>} : (tensor<5x4xi8>) -> tensor<5x4xi1>
    %y = snn.delay %s {steps = 2 : i64, schedule = #snn.schedule<group = 0, time_tile = 2, state = spill>} : (tensor<5x4xi1>) -> tensor<5x4xi1>
    return %y : tensor<5x4xi1>
  }
}

// -----

// A synapse left unscheduled in front of a time-tiled neuron is a group of
// its own: the LIF is not its only reader inside one loop nest, so its
// partial sums are a whole tensor crossing groups (a live tensor), and the
// LIF alone keeps its state (4 x 8 bits) on chip across tiles.
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+2 {{group 0: IR buffers 0 bits, model 0 bits}}
  // expected-remark @+1 {{group 1: IR buffers 32 bits, model 32 bits (IR/model: result tile 0/0, staged inputs 0/0, state tile 0/0, resident state 32/32, old state 0/0); not compared: resident weights 0, live tensors 180}}
  func.func @alone(%x: tensor<5x6xi1>, %w: tensor<4x6xi4>) -> tensor<5x4xi1> {
    %d = snn.dense %x, %w : (tensor<5x6xi1>, tensor<4x6xi4>) -> tensor<5x4xi8>
    %s = snn.lif %d {threshold = 1.0, state_type = i8, schedule = #snn.schedule<time_tile = 2>} : (tensor<5x4xi8>) -> tensor<5x4xi1>
    return %s : tensor<5x4xi1>
  }
}
