// A cycle is one group computed a step at a time: the search keeps it whole
// with that schedule (it writes none: its members take no attributes) and
// schedules the layers around it; the cost report shows it as such a group.
// RUN: snn-opt %s --snn-auto-schedule | FileCheck %s
// RUN: snn-opt %s --snn-cost-report 2>&1 | FileCheck %s --check-prefix=REPORT
// CHECK-LABEL: func.func @loop
// CHECK: snn.conv2d
// CHECK: snn.cycle
// CHECK-NOT: schedule =
// CHECK: snn.yield
// REPORT: group schedule
// REPORT-NEXT: 0 steps/tile=8
// REPORT-NEXT: 1 steps/tile=1 state-onchip
// REPORT: conv {{ *}}conv2d {{ *}}0
// REPORT-NEXT: fb {{ *}}delay {{ *}}1
// REPORT-NEXT: s {{ *}}add {{ *}}1
// REPORT-NEXT: v {{ *}}lif {{ *}}1
module attributes {snn.hardware = #snn.hardware<name = "small", mac_units = 16,
    mac_array = [4, 2, 2, 1], pj_per_op = 0.1, pj_per_op_multibit = 0.2, levels = [
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 65536, bw = 64, read_pj = 0.1, write_pj = 0.1>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 8, read_pj = 10.0, write_pj = 10.0>]>} {
  func.func @loop(%x: tensor<8x2x16x16xi1>, %w: tensor<4x2x3x3xi4>) -> tensor<8x4x16x16xi1> {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<8x2x16x16xi1>, tensor<4x2x3x3xi4>) -> tensor<8x4x16x16xi8> loc("conv")
    %0 = snn.cycle -> (tensor<8x4x16x16xi1>) {
      %d = snn.delay %v {steps = 1} : (tensor<8x4x16x16xi1>) -> tensor<8x4x16x16xi1> loc("fb")
      %s = snn.add %c, %d : tensor<8x4x16x16xi8>, tensor<8x4x16x16xi1> -> tensor<8x4x16x16xi8> loc("s")
      %v = snn.lif %s {beta = 0.5, threshold = 4.0, state_type = i8} : (tensor<8x4x16x16xi8>) -> tensor<8x4x16x16xi1> loc("v")
      snn.yield %v : tensor<8x4x16x16xi1>
    }
    return %0 : tensor<8x4x16x16xi1>
  }
}
