// One conv + LIF layer, every figure worked out by hand from docs/CostModel.md.
// RUN: snn-opt %s --test-snn-cost --verify-diagnostics -o /dev/null
// RUN: snn-opt %s --test-snn-cost=accounting=stems -o /dev/null 2>&1 | FileCheck %s --check-prefix=STEMS

// T = 4; x: 2x8x8 spikes (128 bits a step); w: 4x2x3x3 i4 = 288 bits;
// conv: 4x8x8 outputs x 18 MACs = 4608 ops a step, 18432 in all; it feeds the
// LIF only, so its i16 partial sums live one step at a time (4096 bits, in
// registers); LIF: 256 neurons x 12 bits = 3072 bits of state, 256 spikes a
// step. One group (the conv runs inside the LIF's time loop): one time tile of
// 4 steps, one band.
//
// conv: reads x from the buffer once a step (4 x 128 = 512 bits) and its
// weights once (288); the network input comes from off chip once (512), the
// weights once (288).
// LIF: updates its state in the buffer every step (4 x 3072 read and written),
// writes its spikes (4 x 256 = 1024 bits) into the buffer and, being the
// network's output, off chip.
// Working set: the state, 3072 bits (the partial sums of a step are in
// registers; x and the spikes, which only other groups read, are placed with
// the tensors that cross groups: both stay on chip, 512 + 1024 bits).
// Off chip: W 288 + I 512 + O 1024 = 1824 bits = the lower bound.
// In stems accounting the state is also read before the run and written after
// it (3072 bits each way): 7968 bits, again the lower bound.
// STEMS: remark: group 0, ops 1024, off-chip read bits W 0 I 0 O 0 V 3072, written W 0 I 0 O 1024 V 3072
// STEMS: remark: off-chip 7968 bits, lower bound 7968 bits
//
// Energy (pJ): off chip 800 x 10.9375 + 1024 x 11.71875 = 20750; buffer
// reads (288 + 512 + 12288 + 1024) x 0.13 = 1834.56, writes (288 + 512 + 12288 +
// 1024) x 0.175 = 2469.6; local buffers (288 + 512) x (0.12 + 0.1) = 176;
// compute 18432 x 0.07 (spike inputs) + 1024 x 0.16 = 1454.08; total 26684.24.

module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "lb_w", kind = sram, serves = "W", bytes = 32768, bw = 256, read_pj = 0.1, write_pj = 0.12>,
    #snn.level<name = "lb_i", kind = sram, serves = "I", bytes = 16384, bw = 128, read_pj = 0.1, write_pj = 0.12>,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
  // expected-remark @+2 {{group 0: 1 time tiles of 4 steps, 1 bands, working set 3072 bits, resident state 0, weights 288, live tensors 1536, fits}}
  // expected-remark @+1 {{off-chip 1824 bits, lower bound 1824 bits, energy 26684.2400 pJ (off-chip 20750.0000, buffer 4304.1600, local 176.0000, compute 1454.0800)}}
  func.func @main(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi1> {
    // expected-remark @+1 {{group 0, ops 18432, off-chip read bits W 288 I 512 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 288 I 512 O 0 V 0, written W 288 I 512 O 0 V 0, local W 288 I 512}}
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi16>
    // expected-remark @+1 {{group 0, ops 1024, off-chip read bits W 0 I 0 O 0 V 0, written W 0 I 0 O 1024 V 0, buffer read W 0 I 0 O 1024 V 12288, written W 0 I 0 O 1024 V 12288, local W 0 I 0}}
    %s = snn.lif %c {threshold = 3.0, state_type = i12} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
    return %s : tensor<4x4x8x8xi1>
  }
}
