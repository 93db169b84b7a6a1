// Modules that do not correspond, and scheduled files that cannot be used.
// RUN: split-file %s %t
// RUN: snn-opt %t/reduced.mlir --snn-import-schedule=from=%t/full.mlir --split-input-file --verify-diagnostics
// RUN: snn-opt %t/branches.mlir --snn-import-schedule=from=%t/full-branches.mlir --split-input-file --verify-diagnostics
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule 2>&1 | FileCheck %s --check-prefix=NO-FROM
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/missing.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/full-broken.mlir 2>&1 | FileCheck %s --check-prefix=BROKEN
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/full-no-names.mlir 2>&1 | FileCheck %s --check-prefix=NO-NAMES
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/full-unnamed.mlir 2>&1 | FileCheck %s --check-prefix=UNNAMED
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/reduced-ok.mlir 2>&1 | FileCheck %s --check-prefix=NO-SCHEDULE
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/full-mixed.mlir 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: snn-opt %t/full.mlir --snn-fuse-layers -o %t/full-fused.mlir --mlir-print-debuginfo
// RUN: not snn-opt %t/reduced-ok.mlir --snn-import-schedule=from=%t/full-fused.mlir 2>&1 | FileCheck %s --check-prefix=FUSED

// NO-FROM: error: snn-import-schedule needs from=<scheduled.mlir>
// MISSING: reduced-ok.mlir:{{.*}}: error: cannot read {{.*}}missing.mlir: No such file or directory
// BROKEN: reduced-ok.mlir:{{.*}}: error: cannot parse {{.*}}full-broken.mlir: {{.*}}full-broken.mlir:2:54: expected ':'
// NO-NAMES: reduced-ok.mlir:{{.*}}: error: the scheduled module {{.*}}full-no-names.mlir has no name locations (layers are matched by loc("name"); print it with snn-opt --mlir-print-debuginfo)
// UNNAMED: full-unnamed.mlir:4:8: error: 'snn.lif' in the scheduled module {{.*}}full-unnamed.mlir has no name location: layers are matched by loc("name")
// NO-SCHEDULE: reduced-ok.mlir:{{.*}}: error: {{.*}}reduced-ok.mlir has no #snn.schedule attributes (run snn-auto-schedule on it first)
// MIXED: error: loc("s"): fusion group 0 of {{.*}}full-mixed.mlir: 's' and 'p' have different schedules
// FUSED: error: {{.*}}snn.group in the scheduled module {{.*}}full-fused.mlir: import schedules before snn-fuse-layers applies them

//--- full.mlir
func.func @main(%x: tensor<8x2x16x16xi1>, %w: tensor<8x2x3x3xi8>) -> tensor<8x8x8x8xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 4>}
      : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16, schedule = #snn.schedule<group = 0, time_tile = 2, tile_axis = cols, tile_size = 4>}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("s")
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<8x8x16x16xi1> -> tensor<8x8x8x8xi1> loc("p")
  return %p : tensor<8x8x8x8xi1>
}

//--- reduced-ok.mlir
func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<2x4x4x4xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1> loc("s")
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi1> -> tensor<2x4x4x4xi1> loc("p")
  return %p : tensor<2x4x4x4xi1>
}

//--- full-broken.mlir
func.func @main(%x: tensor<8x8xf32>) -> tensor<8x8xi1> {
  %s = snn.lif %x {threshold = 3.0, state_type = f32} loc("s")
  return %s : tensor<8x8xi1>
}

//--- full-no-names.mlir
func.func @main(%x: tensor<8x8xf32>) -> tensor<8x8xi1> {
  %s = snn.lif %x {threshold = 3.0, state_type = f32, schedule = #snn.schedule<time_tile = 2>} : (tensor<8x8xf32>) -> tensor<8x8xi1>
  return %s : tensor<8x8xi1>
}

//--- full-unnamed.mlir
func.func @main(%x: tensor<8x2x16x16xi1>, %w: tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>, schedule = #snn.schedule<time_tile = 2>}
      : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1>
  return %s : tensor<8x8x16x16xi1>
}

//--- full-mixed.mlir
func.func @main(%x: tensor<8x2x16x16xi1>, %w: tensor<8x2x3x3xi8>) -> tensor<8x8x8x8xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>}
      : (tensor<8x2x16x16xi1>, tensor<8x2x3x3xi8>) -> tensor<8x8x16x16xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16, schedule = #snn.schedule<group = 0, time_tile = 2>}
      : (tensor<8x8x16x16xi16>) -> tensor<8x8x16x16xi1> loc("s")
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>, schedule = #snn.schedule<group = 0, time_tile = 4>} : tensor<8x8x16x16xi1> -> tensor<8x8x8x8xi1> loc("p")
  return %p : tensor<8x8x8x8xi1>
}

//--- reduced.mlir
// A layer only in the scheduled module, one only here.
// expected-error @+1 {{layer 'p' (snn.maxpool2d) of}}
module {
  func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<2x4x4x4xi1> {
    %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
    %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1> loc("s")
    // expected-error @unknown {{layer 'pool' is not in}}
    %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi1> -> tensor<2x4x4x4xi1> loc("pool")
    return %p : tensor<2x4x4x4xi1>
  }
}

// -----

// Another op kind under the same name.
func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<2x4x4x4xi8> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1> loc("s")
  // expected-error @unknown {{layer 'p' is 'snn.sumpool2d' here but 'snn.maxpool2d' in}}
  %p = snn.sumpool2d %s {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi1> -> tensor<2x4x4x4xi8> loc("p")
  return %p : tensor<2x4x4x4xi8>
}

// -----

// Another producer: the pool reads the convolution.
func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> (tensor<2x4x8x8xi1>, tensor<2x4x4x4xi16>) {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1> loc("s")
  // expected-error @unknown {{layer 'p' reads (c) here but (s) in}}
  %p = snn.maxpool2d %c {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi16> -> tensor<2x4x4x4xi16> loc("p")
  return %s, %p : tensor<2x4x8x8xi1>, tensor<2x4x4x4xi16>
}

// -----

// A layer without a name, and a name used twice.
func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> tensor<2x4x4x4xi1> {
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
  // expected-error @+1 {{'snn.lif' in this module has no name location: layers are matched by loc("name")}}
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1>
  // expected-error @unknown {{two layers of this module are named 'c'}}
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi1> -> tensor<2x4x4x4xi1> loc("c")
  return %p : tensor<2x4x4x4xi1>
}

// -----

// Bands of the convolution cannot be computed alone when the function also
// returns its result: the imported schedule no longer applies.
func.func @main(%x: tensor<2x2x8x8xi1>, %w: tensor<4x2x3x3xi8>) -> (tensor<2x4x8x8xi16>, tensor<2x4x4x4xi1>) {
  // expected-remark @unknown {{c..s: time_tile 2 -> 1 (time steps 8 -> 2: tiles of 2 of 8: scaled to keep several of 2)}}
  %c = snn.conv2d %x, %w {padding = array<i64: 1, 1>} : (tensor<2x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<2x4x8x8xi16> loc("c")
  // expected-error @unknown {{c..s: the imported schedule #snn.schedule<group = 0, time_tile = 1, tile_axis = cols, tile_size = 4> does not apply here: cannot tile along per-step dimension 2: 'snn.conv2d' is also read outside the group}}
  %s = snn.lif %c {threshold = 3.0, state_type = i16} : (tensor<2x4x8x8xi16>) -> tensor<2x4x8x8xi1> loc("s")
  %p = snn.maxpool2d %s {kernel = array<i64: 2, 2>} : tensor<2x4x8x8xi1> -> tensor<2x4x4x4xi1> loc("p")
  return %c, %p : tensor<2x4x8x8xi16>, tensor<2x4x4x4xi1>
}

//--- full-branches.mlir
func.func @main(%x: tensor<8x4x8x8xf32>) -> (tensor<8x4x8x8xi1>, tensor<8x4x8x8xi1>) {
  %a = snn.lif %x {threshold = 1.0, state_type = f32, schedule = #snn.schedule<time_tile = 2>} : (tensor<8x4x8x8xf32>) -> tensor<8x4x8x8xi1> loc("a")
  %b = snn.lif %x {threshold = 2.0, state_type = f32, schedule = #snn.schedule<tile_axis = rows, tile_size = 2>} : (tensor<8x4x8x8xf32>) -> tensor<8x4x8x8xi1> loc("b")
  return %a, %b : tensor<8x4x8x8xi1>, tensor<8x4x8x8xi1>
}

//--- branches.mlir
// The same layers in another order.
func.func @main(%x: tensor<2x4x8x8xf32>) -> (tensor<2x4x8x8xi1>, tensor<2x4x8x8xi1>) {
  // expected-error @unknown {{layer 'b' is layer 0 here but layer 1 in}}
  %b = snn.lif %x {threshold = 2.0, state_type = f32} : (tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xi1> loc("b")
  %a = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xi1> loc("a")
  return %a, %b : tensor<2x4x8x8xi1>, tensor<2x4x8x8xi1>
}

// -----

// A result of another rank: rows cannot be tiled.
func.func @main(%x: tensor<2x4x8xf32>) -> (tensor<2x4x8xi1>, tensor<2x4x8xi1>) {
  // expected-error @unknown {{layer 'a' has a result of rank 3 here but 4 in}}
  %a = snn.lif %x {threshold = 1.0, state_type = f32} : (tensor<2x4x8xf32>) -> tensor<2x4x8xi1> loc("a")
  // expected-error @unknown {{layer 'b' has a result of rank 3 here but 4 in}}
  %b = snn.lif %x {threshold = 2.0, state_type = f32} : (tensor<2x4x8xf32>) -> tensor<2x4x8xi1> loc("b")
  return %a, %b : tensor<2x4x8xi1>, tensor<2x4x8xi1>
}
