// The cost report names each layer's form: event-driven layers with the
// activity the model assumed (1 where none is set), nothing for dense ones.
// RUN: snn-opt %s -o /dev/null --pass-pipeline='builtin.module(snn-cost-report)' | FileCheck %s
// RUN: snn-opt %s -o /dev/null --pass-pipeline='builtin.module(snn-cost-report{json=- table=false})' | FileCheck %s --check-prefix=JSON

// CHECK: state bits form{{$}}
// CHECK-NEXT: conv1 {{.*}} 4608 {{.*}} event 0.250{{$}}
// CHECK-NEXT: lif1 {{.*}} 3072{{$}}
// CHECK-NEXT: conv2 {{.*}} event 1.000{{$}}
// CHECK-NEXT: conv3 {{.*}} 0{{$}}
// JSON: "activity": 0.25,
// JSON: "form": "event",
// JSON: "name": "conv1",
// JSON: "activity": 1,
// JSON: "form": "dense",
// JSON: "name": "lif1",
// JSON: "activity": 1,
// JSON: "form": "event",
// JSON: "name": "conv2",
// JSON: "activity": 1,
// JSON: "form": "dense",
// JSON: "name": "conv3",

module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
  func.func @main(%x: tensor<4x2x8x8xi1>, %w: tensor<4x2x3x3xi4>, %w2: tensor<4x4x3x3xi4>)
      -> (tensor<4x4x8x8xi16>, tensor<4x4x8x8xi16>) {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, form = #snn.synapse_form<event>, activity = 0.25}
        : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi4>) -> tensor<4x4x8x8xi16> loc("conv1")
    %s = snn.lif %c {threshold = 3.0, state_type = i12} : (tensor<4x4x8x8xi16>) -> tensor<4x4x8x8xi1> loc("lif1")
    %c2 = snn.conv2d %s, %w2 {padding = array<i64: 1, 1>, form = #snn.synapse_form<event>}
        : (tensor<4x4x8x8xi1>, tensor<4x4x3x3xi4>) -> tensor<4x4x8x8xi16> loc("conv2")
    %c3 = snn.conv2d %s, %w2 {padding = array<i64: 1, 1>}
        : (tensor<4x4x8x8xi1>, tensor<4x4x3x3xi4>) -> tensor<4x4x8x8xi16> loc("conv3")
    return %c2, %c3 : tensor<4x4x8x8xi16>, tensor<4x4x8x8xi16>
  }
}
