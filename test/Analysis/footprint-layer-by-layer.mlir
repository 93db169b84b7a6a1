// Layer by layer (no schedule): test-snn-footprint applies the schedule
// transformations (which leave every op alone) and compares the state and
// tiles in the IR with the cost model's footprint of each group.
// RUN: snn-opt %s --test-snn-footprint --verify-diagnostics -o /dev/null

// T = 4. The conv feeds only the LIF: the LIF reads its partial sums one step
// at a time (registers), so the pair is one group whose only buffer is the
// LIF's state, 4 x 8 x 8 neurons x 12 bits = 3072 bits, on both sides. The
// pool and the flatten keep nothing. The dense feeds the second LIF the same
// way; that LIF resets in the next step and keeps its previous spike: 10 x
// (8 + 1) = 90 bits. Results crossing groups are live tensors, not compared.

module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 4,
    mac_array = [2, 2, 1, 1], pj_per_op = 1.0, pj_per_op_multibit = 2.0, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 16, read_pj = 0.5, write_pj = 0.5>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 20.0>]>} {
  // expected-remark @+4 {{group 0: IR buffers 3072 bits, model 3072 bits (IR/model: result tile 0/0, staged inputs 0/0, state tile 3072/3072, resident state 0/0, old state 0/0); not compared: resident weights 288, live tensors 1536}}
  // expected-remark @+3 {{group 1: IR buffers 0 bits, model 0 bits}}
  // expected-remark @+2 {{group 2: IR buffers 0 bits, model 0 bits}}
  // expected-remark @+1 {{group 3: IR buffers 90 bits, model 90 bits (IR/model: result tile 0/0, staged inputs 0/0, state tile 90/90, resident state 0/0, old state 0/0)}}
  func.func @main(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi4>, %w2: tensor<10x64xi4>) -> tensor<4x10xi1> {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi16>
    %s = snn.lif %c {threshold = 3.0, state_type = i12} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
    %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<4x4x8x8xi1> -> tensor<4x4x4x4xi1>
    %f = snn.flatten %p : tensor<4x4x4x4xi1> -> tensor<4x64xi1>
    %d = snn.dense %f, %w2 : (tensor<4x64xi1>, tensor<10x64xi4>) -> tensor<4x10xi8>
    %o = snn.lif %d {threshold = 3.0, state_type = i8, reset_timing = #snn.reset_timing<next>} : (tensor<4x10xi8>) -> tensor<4x10xi1>
    return %o : tensor<4x10xi1>
  }
}
