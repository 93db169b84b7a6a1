// The discardable attributes of the snn dialect (snn.block, snn.stateless,
// snn.hardware): each in its place verifies, and one case per verifier
// message of a wrong type, a wrong place or an unknown name.
// RUN: snn-opt %s -split-input-file -verify-diagnostics

// Every attribute where it belongs: no diagnostic.
module attributes {snn.hardware = #snn.hardware<name = "crumb", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 16, bw = 8, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @valid(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
    %y = snn.scale %x {factor = 2.0, snn.block = 0 : i64} : tensor<4x3xf32> -> tensor<4x3xf32>
    %s = snn.lif %y {threshold = 1.0, state_type = f32, snn.block = 1, snn.stateless} : (tensor<4x3xf32>) -> tensor<4x3xi1>
    return %s : tensor<4x3xi1>
  }
}

// -----

func.func @block_not_integer(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'snn.block' must be a non-negative integer, got "a"}}
  %y = snn.scale %x {factor = 2.0, snn.block = "a"} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

func.func @block_negative(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'snn.block' must be a non-negative integer, got -1 : i64}}
  %y = snn.scale %x {factor = 2.0, snn.block = -1 : i64} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

func.func @block_unsigned(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'snn.block' must be a non-negative integer, got 1 : ui8}}
  %y = snn.scale %x {factor = 2.0, snn.block = 1 : ui8} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// expected-error @+1 {{'snn.block' applies to snn layer ops only}}
func.func @block_on_function(%x: tensor<4x3xf32>) -> tensor<4x3xf32> attributes {snn.block = 0 : i64} {
  return %x : tensor<4x3xf32>
}

// -----

func.func @stateless_with_value(%x: tensor<4x3xf32>) -> tensor<4x3xi1> {
  // expected-error @+1 {{'snn.stateless' must be a unit attribute, got true}}
  %s = snn.lif %x {threshold = 1.0, state_type = f32, snn.stateless = true} : (tensor<4x3xf32>) -> tensor<4x3xi1>
  return %s : tensor<4x3xi1>
}

// -----

func.func @stateless_not_neuron(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'snn.stateless' applies to neuron ops only}}
  %y = snn.scale %x {factor = 2.0, snn.stateless} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// expected-error @+1 {{'snn.hardware' must be a #snn.hardware attribute, got "edge"}}
module attributes {snn.hardware = "edge"} {
}

// -----

// expected-error @+1 {{'snn.hardware' applies to builtin.module only}}
func.func @hardware_on_function() attributes {snn.hardware = #snn.hardware<name = "crumb", mac_units = 1,
    mac_array = [1, 1, 1, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 16, bw = 8, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  return
}

// -----

func.func @unknown(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{unknown snn attribute 'snn.blocks' (expected snn.block, snn.stateless or snn.hardware)}}
  %y = snn.scale %x {factor = 2.0, snn.blocks = 0 : i64} : tensor<4x3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
