// The cost model's neuron state V counts every state component in its type:
// 16 neurons with an i12 membrane keep 16 x 12 = 192 bits; with an adaptive
// threshold (i12, the state type) and a refractory period of 3 steps (an i8
// counter) 16 x (12 + 12 + 8) = 512 bits. In stems accounting V is read
// before the run and written after it.
// RUN: snn-opt %s --test-snn-cost=accounting=stems -o /dev/null 2>&1 | FileCheck %s
// CHECK: remark: group 0, ops 64, off-chip read bits W 0 I 512 O 0 V 192, written W 0 I 0 O 64 V 192,
// CHECK: remark: group 1, ops 64, off-chip read bits W 0 I 0 O 0 V 512, written W 0 I 0 O 64 V 512,
// CHECK: remark: group 0: {{.*}} working set 192 bits,
// CHECK: remark: group 1: {{.*}} working set 512 bits,

module attributes {snn.hardware = #snn.hardware<name = "core", mac_units = 1024,
    mac_array = [32, 2, 16, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [
    #snn.level<name = "rf", kind = register, serves = "WOV">,
    #snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 1048576, bw = 1024, read_pj = 0.13, write_pj = 0.175>,
    #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 64, read_pj = 10.9375, write_pj = 11.71875>]>} {
  func.func @f(%x: tensor<4x16xi8>) -> (tensor<4x16xi1>, tensor<4x16xi1>) {
    %a = snn.lif %x {threshold = 4.0, state_type = i12} : (tensor<4x16xi8>) -> tensor<4x16xi1>
    %b = snn.lif %x {threshold = 4.0, adapt = 2.0, refractory = 3, state_type = i12} : (tensor<4x16xi8>) -> tensor<4x16xi1>
    return %a, %b : tensor<4x16xi1>, tensor<4x16xi1>
  }
}
