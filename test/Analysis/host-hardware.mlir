// `hardware=host`: the machine's data caches, read from sysfs (here a
// described machine, through SNN_HOST_CACHE_DIR), become SRAM levels serving
// every operand between registers and DRAM; the instruction cache is left
// out; energies are 0.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache snn-opt %s --snn-set-hardware=file=host | FileCheck %s
// CHECK: snn.hardware = #snn.hardware<name = "host", mac_units = 1, mac_array = [1, 1, 1, 1], pj_per_op = 0.000000e+00, pj_per_op_multibit = 0.000000e+00, levels = [#snn.level<name = "registers", kind = register, serves = "WIOV">, #snn.level<name = "L1", kind = cache, serves = "WIOV", bytes = 49152>, #snn.level<name = "L2", kind = cache, serves = "WIOV", bytes = 2097152>, #snn.level<name = "L3", kind = cache, serves = "WIOV", bytes = 16777216>, #snn.level<name = "dram", kind = dram, serves = "WIOV">]>

// The last-level cache is the global buffer of the cost report and the
// auto-scheduler. On a cache the model counts what the code stores: the
// network's input and result spikes are bytes (128 each), the 1x1 weights
// (2 output channels: lanes along the columns, not packed) i4 in bytes (4).
// Everything fits 16 MiB: each is moved once.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache snn-opt %s --snn-cost-report=hardware=host -o /dev/null | FileCheck %s --check-prefix=REPORT
// REPORT: cost of @main on host (global buffer 16,777,216 B), accounting default
// REPORT: 0 steps/tile=4 {{.*}} 388 {{.*}} yes
// REPORT: off-chip traffic: 260 B (W 4, I 128, O 128, V 0)

// A 64-byte cache: the group streams (its buffers and weights exceed the
// planned half, 32 B), and each access whose reuse does not fit misses
// again in proportion: of the S bytes an op touches between two uses of a
// buffer (one of its steps) the cache keeps 32, so a share 1 - 32/S of the
// repeated accesses misses. First touches always miss.
// conv: S = input 32 + accumulators 32 x i16 64 + weights 4 = 100 B, share
//   0.68. Input from outside the group, once a step: 4 x 32 = 128 B. Weights
//   (i4 in bytes, read every step) 4 once + 0.68 x 3 x 4 = 12.16 -> 13 B.
//   Accumulators read 3 times (copy of the initial value, reduction, neuron)
//   and written twice a step, 5 x 64 = 320 B, none a first touch: in steps
//   2-4 after the conv's previous step, 0.68 x 960 = 652.8 B; in step 1
//   after the rest of the group (S = accumulators 64 + state 64 + weights 4
//   = 132 B, share 1 - 32/132 = 25/33), 242.4 B: 895.2 -> 896 B.
// lif: S = state 32 x i12 in i16 64 + result 32 = 96 B, share 2/3. Result
//   (returned, never reused) 4 x 32 = 128 B. State read each step, 4 x 64,
//   64 of them first: 64 + 2/3 x 192 = 192 B; written, 2/3 x 256 = 170.7 B:
//   362.7 -> 363 B.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache-64B snn-opt %s --snn-cost-report=hardware=host -o /dev/null | FileCheck %s --check-prefix=STREAM
// STREAM: 0 steps/tile=4 {{.*}} streams
// STREAM: snn.conv2d#0 {{.*}} 13 {{ *}}128 {{ *}}896 {{ *}}0
// STREAM: snn.lif#1 {{.*}} 0 {{ *}}0 {{ *}}128 {{ *}}363
// STREAM: off-chip traffic: 1,526 B (W 13, I 128, O 1,024, V 363)
// STREAM: 1 of 1 groups stream through the cache

// The same cache described in JSON (`"kind": "cache"`) gives the same
// traffic; with energy figures the auto-scheduler keeps its objective.
// RUN: snn-opt %s --snn-cost-report=hardware=%S/Inputs/cache-64B.hw.json -o /dev/null | FileCheck %s --check-prefix=STREAM
// RUN: snn-opt %s --snn-auto-schedule="hardware=%S/Inputs/cache-64B.hw.json print-report" -o /dev/null | FileCheck %s --check-prefix=ENERGY
// ENERGY: snn-auto-schedule @main on cache-64B, objective energy
// With no energy figures, the auto-scheduler minimises traffic.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache snn-opt %s --snn-auto-schedule="hardware=host print-report" -o /dev/null | FileCheck %s --check-prefix=AUTO
// AUTO: snn-auto-schedule @main on host, objective traffic, accounting default

// Machines the compiler cannot read are errors naming what is missing.
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache-bad not snn-opt %s --snn-set-hardware=file=host 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: hardware=host: cannot read the level and size of cache '{{.*}}index0' (level '1', size 'lots')
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/host-cache-instructions not snn-opt %s --snn-set-hardware=file=host 2>&1 | FileCheck %s --check-prefix=NODATA
// NODATA: error: hardware=host: the host describes no data cache under '{{.*}}host-cache-instructions'
// RUN: env SNN_HOST_CACHE_DIR=%S/Inputs/missing not snn-opt %s --snn-cost-report=hardware=host 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: hardware=host: cannot read the host's caches from '{{.*}}missing': No such file or directory

func.func @main(%x: tensor<4x2x4x4xi1>, %w: tensor<2x2x1x1xi4>) -> tensor<4x2x4x4xi1> {
  %0 = snn.conv2d %x, %w : (tensor<4x2x4x4xi1>, tensor<2x2x1x1xi4>) -> tensor<4x2x4x4xi8>
  %1 = snn.lif %0 {threshold = 2.0, state_type = i12} : (tensor<4x2x4x4xi8>) -> tensor<4x2x4x4xi1>
  return %1 : tensor<4x2x4x4xi1>
}
