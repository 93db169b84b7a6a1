// RUN: snn-opt %s --snn-auto-schedule --split-input-file --verify-diagnostics

// expected-error @+1 {{snn-auto-schedule needs a hardware description: give hardware=<file.json> or hardware=host, or attach one with snn-set-hardware}}
module {
  func.func @f(%x: tensor<4x8xf32>) -> tensor<4x8xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x8xf32>) -> tensor<4x8xi1>
    return %s : tensor<4x8xi1>
  }
}

// -----

// A 16-byte buffer cannot hold the state of even one band of one neuron.
module attributes {snn.hardware = #snn.hardware<name = "crumb", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 16, bw = 8, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  // expected-error @+1 {{snn-auto-schedule: no schedule of @f fits the global buffer of crumb}}
  func.func @f(%x: tensor<4x8x16xf32>) -> tensor<4x8x16xi1> {
    %s = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<4x8x16xf32>) -> tensor<4x8x16xi1>
    return %s : tensor<4x8x16xi1>
  }
}
