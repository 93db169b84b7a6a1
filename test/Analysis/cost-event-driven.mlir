// The conv + LIF layer of cost-conv-lif.mlir with the convolution
// event-driven: it computes on its events only, a quarter of its inputs
// (activity 0.25), so its ops fall from 18432 to 4608 and the compute energy
// from 1454.08 to 4608 x 0.07 + 1024 x 0.16 = 486.4 pJ (total 26684.24 -
// 1454.08 + 486.4 = 25716.56). It still reads its whole input, to find the
// events, and stages its weights as the dense form does: the traffic is the
// same. Without an activity the model assumes every input is an event.
// RUN: snn-opt %s --test-snn-cost --verify-diagnostics -split-input-file -o /dev/null
// The report's form column: cost-report-forms.mlir.

module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "lb_w", kind = sram, serves = "W", bytes = 32768, bw = 256, read_pj = 0.1, write_pj = 0.12>,
    #snn.level<name = "lb_i", kind = sram, serves = "I", bytes = 16384, bw = 128, read_pj = 0.1, write_pj = 0.12>,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
  // expected-remark @+2 {{group 0: 1 time tiles of 4 steps, 1 bands, working set 3072 bits, resident state 0, weights 288, live tensors 1536, fits}}
  // expected-remark @+1 {{off-chip 1824 bits, lower bound 1824 bits, energy 25716.5600 pJ (off-chip 20750.0000, buffer 4304.1600, local 176.0000, compute 486.4000)}}
  func.func @main(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi1> {
    // expected-remark @+1 {{group 0, ops 4608, off-chip read bits W 288 I 512 O 0 V 0, written W 0 I 0 O 0 V 0, buffer read W 288 I 512 O 0 V 0, written W 288 I 512 O 0 V 0, local W 288 I 512}}
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, form = #snn.synapse_form<event>, activity = 0.25}
        : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi16>
    // expected-remark @+1 {{group 0, ops 1024}}
    %s = snn.lif %c {threshold = 3.0, state_type = i12} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
    return %s : tensor<4x4x8x8xi1>
  }
}

// -----

module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
  // expected-remark @+2 {{group 0}}
  // expected-remark @+1 {{off-chip 1824 bits}}
  func.func @main(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi1> {
    // expected-remark @+1 {{group 0, ops 18432,}}
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, form = #snn.synapse_form<event>}
        : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi16>
    // expected-remark @+1 {{group 0, ops 1024}}
    %s = snn.lif %c {threshold = 3.0, state_type = i12} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1>
    return %s : tensor<4x4x8x8xi1>
  }
}
