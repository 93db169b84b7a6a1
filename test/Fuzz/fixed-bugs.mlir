// Bugs the fuzzers found, fixed; one case each (the inputs that found them
// are in fuzz/regressions/, docs/Reliability.md lists them all).
// RUN: split-file %s %t
//
// snn-set-hardware and snn-cost-report created snn attributes without
// loading the snn dialect: a module without snn ops crashed.
// RUN: snn-opt %t/no-snn-ops.mlir --snn-set-hardware=file=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   | FileCheck %s --check-prefix=SET-HARDWARE
// RUN: snn-opt %t/no-snn-ops.mlir --snn-cost-report=hardware=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   | FileCheck %s --check-prefix=COST-REPORT
// SET-HARDWARE: module attributes {snn.hardware = #snn.hardware<name = "tiny"
// COST-REPORT: func.func @f()
//
// An integer snn.scale took any finite factor, and the lowering's Q16
// conversion of 1e300 overflowed int64.
// RUN: not snn-opt %t/scale.mlir 2>&1 | FileCheck %s --check-prefix=SCALE --implicit-check-not=error:
// SCALE: scale.mlir:2:8: error: 'snn.scale' op 'factor' must be below 16384 in magnitude for an integer result, got 1.000000e+300
//
// snn-eliminate-state dropped the snn.block of the neurons it replaced, so
// snn-set-schedule then put the replacement in no block and the block's
// group was not contiguous any more.
// RUN: snn-opt %t/blocks.mlir --snn-eliminate-state=blocks=0 --snn-set-schedule=mode=st-lbl \
// RUN:   --snn-fuse-layers 2>/dev/null | FileCheck %s --check-prefix=BLOCKS
// BLOCKS:      snn.group
// BLOCKS-NEXT:   ^bb0
// BLOCKS-NEXT:   snn.scale {{.*}}factor = 5.000000e-01 : f64, snn.block = 0
// BLOCKS-NEXT:   snn.scale {{.*}}factor = 1.000000e+00 : f64, snn.block = 0
// BLOCKS-NEXT:   snn.scale {{.*}}factor = 2.000000e+00 : f64, snn.block = 0
// BLOCKS-NEXT:   snn.yield
//
// Spatial tiles are described band by band: one column of a layer of 2^31
// columns made snn-auto-schedule (trying bands of 1, 2, 4, ... columns), the
// cost report and snn-tile-spatial run out of memory. Now more than 2^16
// bands is an error, which the search treats as a tile it cannot use.
// RUN: not snn-opt %t/bands.mlir --snn-cost-report=hardware=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   2>&1 | FileCheck %s --check-prefix=BANDS --implicit-check-not=error:
// RUN: not snn-opt %t/bands.mlir --snn-fuse-layers --snn-tile-spatial 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BANDS --implicit-check-not=error:
// BANDS: bands.mlir:2:8: error: cannot tile along per-step dimension 2 in bands of 1: 1048576 bands, more than 65536
// RUN: sed -e 's/, schedule = #snn.schedule<[^>]*>//' %t/bands.mlir > %t/unscheduled.mlir
// RUN: snn-opt %t/unscheduled.mlir --snn-auto-schedule=hardware=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   | FileCheck %s --check-prefix=SEARCH
// SEARCH: snn.threshold
//
// The cost model counts operations and bits in int64_t: a valid network with
// 2^59-bit activations (or a delay of 2^62 steps) overflowed them. It now
// refuses networks beyond its counts.
// RUN: not snn-opt %t/huge.mlir --snn-cost-report=hardware=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   2>&1 | FileCheck %s --check-prefix=HUGE --implicit-check-not=error:
// RUN: not snn-opt %t/huge.mlir --snn-auto-schedule=hardware=%fuzz_src/corpus/hardware-json/minimal.json \
// RUN:   2>&1 | FileCheck %s --check-prefix=HUGE --implicit-check-not=error:
// HUGE: huge.mlir:1:1: error: @f is too large for the cost model, which counts operations and bits in 64 bits (at most 2^58 operations and bits of activations, 2^44 weight bits times time steps)
//
// The state of neurons that several bands share was counted position by
// position: a layer of 2^31 neurons per step made snn-auto-schedule allocate
// 16 GiB. It is counted from the band edges now.
// RUN: not snn-opt %t/wide.mlir --snn-auto-schedule=objective=latency 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WIDE --implicit-check-not=error:
// WIDE: wide.mlir:2:3: error: snn-auto-schedule: no schedule of @f fits the global buffer of tiny
//
// The initial state snn-batch-time gives a neuron was a list of one value
// per neuron even when one value serves them all: a layer of 2^31 neurons
// ran out of memory. A scalar initial value is a splat now.
// RUN: snn-opt %t/initial.mlir --snn-fuse-layers --snn-batch-time | FileCheck %s --check-prefix=INITIAL
// INITIAL: arith.constant dense<2.500000e-01> : tensor<2147483648xf32>

//--- no-snn-ops.mlir
func.func @f() {
  return
}
//--- scale.mlir
func.func @f(%x: tensor<4x3xi8>) -> tensor<4x3xi16> {
  %0 = snn.scale %x {factor = 1.0e300} : tensor<4x3xi8> -> tensor<4x3xi16>
  return %0 : tensor<4x3xi16>
}
//--- blocks.mlir
func.func @f(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %a = snn.scale %x {factor = 0.5, snn.block = 0 : i64} : tensor<4x8xf32> -> tensor<4x8xf32>
  %v = snn.li %a {beta = 0.5, state_type = f32, snn.block = 0 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %b = snn.scale %v {factor = 2.0, snn.block = 0 : i64} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}
//--- bands.mlir
func.func @f(%x: tensor<2x1x1x1048576xf32>) -> tensor<2x1x1x1048576xi1> {
  %s = snn.threshold %x {threshold = 1.0, schedule = #snn.schedule<group = 0, tile_axis = cols, tile_size = 1>} : tensor<2x1x1x1048576xf32> -> tensor<2x1x1x1048576xi1>
  return %s : tensor<2x1x1x1048576xi1>
}
//--- huge.mlir
func.func @f(%x: tensor<16x36028797018963968xi1>) -> tensor<16x36028797018963968xi1> {
  %s = snn.threshold %x {threshold = 0.5} : tensor<16x36028797018963968xi1> -> tensor<16x36028797018963968xi1>
  return %s : tensor<16x36028797018963968xi1>
}
//--- wide.mlir
module attributes {snn.hardware = #snn.hardware<name = "tiny", mac_units = 1, mac_array = [4, 2, 2, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, levels = [#snn.level<name = "gb", kind = sram, serves = "WIOV", bytes = 256, bw = 0, read_pj = 0.15, write_pj = 0.2>, #snn.level<name = "dram", kind = dram, serves = "WIOV", bw = 0, read_pj = 10.0, write_pj = 11.0>]>} {
  func.func @f(%x: tensor<2x2147483648xi14>) -> tensor<2x2147483648xi1> {
    %a = snn.lif %x {state_type = i8, beta = 0.125 : f64, threshold = 1.0 : f64} : (tensor<2x2147483648xi14>) -> tensor<2x2147483648xi1>
    %b = snn.lif %a {state_type = f32, threshold = 0.125 : f64} : (tensor<2x2147483648xi1>) -> tensor<2x2147483648xi1>
    return %b : tensor<2x2147483648xi1>
  }
}
//--- initial.mlir
func.func @f(%x: tensor<3x2147483648xf32>) -> tensor<3x2147483648xi1> {
  %s = snn.lif %x {v_init = 0.25, threshold = 1.0, state_type = f32, schedule = #snn.schedule<group = 0, time_tile = 1>} : (tensor<3x2147483648xf32>) -> tensor<3x2147483648xi1>
  return %s : tensor<3x2147483648xi1>
}
