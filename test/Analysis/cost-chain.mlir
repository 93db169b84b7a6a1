// Two layers in a global buffer too small to keep everything: the spikes
// between them go off chip. Figures worked out by hand from docs/CostModel.md.
// RUN: snn-opt %s --test-snn-cost --verify-diagnostics -o /dev/null

// T = 2. Group 0 = dense0 + lif0 (the dense runs inside the LIF's loop),
// group 1 = dense1 + lif1.
// dense0: 8x16 MACs x 2 steps = 256 ops; weights 8x16 i4 = 512 bits; reads x
//   (16 bits a step) into the buffer: 32 bits; partial sums of a step 8 x 8 = 64.
// lif0: 8 neurons x 2 = 16 ops; state 8 x i8 = 64 bits, read and written every
//   step (128 each way); spikes 8 x 2 = 16 bits written.
// Working set 0: the state, 64 bits (partial sums stay in registers, x and the
//   spikes cross groups); with its 512 bits of weights 576 bits, of the
//   584-bit (73 B) buffer.
// dense1: 4x8 x 2 = 64 ops; weights 4x8 i4 = 128 bits; reads lif0's spikes
//   (8 bits a step, 16); partial sums 4 x 8 = 32.
// lif1: 4 x 2 = 8 ops; state 4 x 8 = 32 bits (64 each way); spikes 8 bits.
// Working set 1: the state, 32 bits; with weights 160.
// Placing the crossing tensors, largest savings first: lif0's spikes (16 bits,
// alive in groups 0 and 1; keeping them saves a write and a read, 32 bits) do
// not fit next to group 0 (576 + 16 > 584): lif0 writes them off chip and
// dense1 reads them back. lif1's spikes (nothing to save: they are the output,
// written off chip once) fit. x (32 bits, nothing to save either: read once)
// does not (576 + 32 > 584): dense0 reads it off chip, once.
// Off chip: W 640, I 32 + 16, O 16 + 8: 712 bits; lower bound 640 + 32 + 8 = 680.

module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 73, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+4 {{group 0: 1 time tiles of 2 steps, 1 bands, working set 64 bits, resident state 0, weights 512, live tensors 0, fits}}
  // expected-remark @+3 {{group 1: 1 time tiles of 2 steps, 1 bands, working set 32 bits, resident state 0, weights 128, live tensors 8, fits}}
  // Energy: off chip 640 + 48 reads x 10 + 24 written x 20 = 7360; buffer (every bit read or written x 0.5).
  // expected-remark @+1 {{off-chip 712 bits, lower bound 680 bits}}
  func.func @main(%x: tensor<2x16xi1>, %w0: tensor<8x16xi4>, %w1: tensor<4x8xi4>) -> tensor<2x4xi1> {
    // expected-remark @+1 {{group 0, ops 256, off-chip read bits W 512 I 32 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 512 I 32 O 0 V 0, written W 512 I 32 O 0 V 0}}
    %d0 = snn.dense %x, %w0 : (tensor<2x16xi1>, tensor<8x16xi4>) -> tensor<2x8xi8>
    // expected-remark @+1 {{group 0, ops 16, off-chip read bits W 0 I 0 O 0 V 0, written W 0 I 0 O 16 V 0, buffer read W 0 I 0 O 16 V 128, written W 0 I 0 O 16 V 128}}
    %s0 = snn.lif %d0 {threshold = 3.0, state_type = i8} : (tensor<2x8xi8>) -> tensor<2x8xi1>
    // expected-remark @+1 {{group 1, ops 64, off-chip read bits W 128 I 16 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 128 I 16 O 0 V 0, written W 128 I 16 O 0 V 0}}
    %d1 = snn.dense %s0, %w1 : (tensor<2x8xi1>, tensor<4x8xi4>) -> tensor<2x4xi8>
    // expected-remark @+1 {{group 1, ops 8, off-chip read bits W 0 I 0 O 0 V 0, written W 0 I 0 O 8 V 0, buffer read W 0 I 0 O 8 V 64, written W 0 I 0 O 8 V 64}}
    %s1 = snn.lif %d1 {threshold = 3.0, state_type = i8} : (tensor<2x4xi8>) -> tensor<2x4xi1>
    return %s1 : tensor<2x4xi1>
  }
}
