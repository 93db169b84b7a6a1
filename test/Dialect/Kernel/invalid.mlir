// RUN: snn-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @flags(%x: tensor<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{has 2 windowed flags for 1 inputs}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false, false>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @maps(%x: tensor<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{has 1 indexing maps for 2 operands}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @map_rank(%x: tensor<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{indexing map #0 must map 1 loops and 0 symbols to 1 indices}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o, o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @mixed(%x: memref<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{operand #0 must be a ranked tensor or memref like every other operand}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : memref<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @output_reduction(%x: tensor<8x3xi16>, %acc: tensor<8x3xi16>) -> tensor<8x3xi16> {
  // expected-error @+1 {{output #0 must be indexed by parallel loops, one per index}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o, r) -> (o, r)>, affine_map<(o, r) -> (o, r)>],
      iterator_types = [#par, #red], windowed = array<i1: false>}
      ins(%x : tensor<8x3xi16>) outs(%acc : tensor<8x3xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8x3xi16>
  return %y : tensor<8x3xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @trip_counts(%x: tensor<6xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{loop 0 runs 6 times by one operand and 8 by operand #1}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : tensor<6xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @unbound_loop(%x: tensor<8xi16>, %acc: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error @+1 {{loop 1 is not an index of any operand that is not windowed}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o, r) -> (o + r)>, affine_map<(o, r) -> (o)>],
      iterator_types = [#par, #red], windowed = array<i1: true>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<4xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<4xi16>
  return %y : tensor<4xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @not_linear(%x: tensor<8xi16>, %w: tensor<3xi16>, %acc: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error @+1 {{windowed input #0 index d0 * 2 + d1 floordiv 2 is not linear in the loops and symbols}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o, r) -> (o * 2 + r floordiv 2)>,
                                            affine_map<(o, r) -> (r)>, affine_map<(o, r) -> (o)>],
      iterator_types = [#par, #red], windowed = array<i1: true, false>}
      ins(%x, %w : tensor<8xi16>, tensor<3xi16>) outs(%acc : tensor<4xi16>) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<4xi16>
  return %y : tensor<4xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @shrinking(%x: tensor<8xi16>, %w: tensor<3xi16>, %acc: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error @+1 {{windowed input #0 index d0 - d1 must grow with its reduction loop}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o, r) -> (o - r)>,
                                            affine_map<(o, r) -> (r)>, affine_map<(o, r) -> (o)>],
      iterator_types = [#par, #red], windowed = array<i1: true, false>}
      ins(%x, %w : tensor<8xi16>, tensor<3xi16>) outs(%acc : tensor<4xi16>) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<4xi16>
  return %y : tensor<4xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
#red = #linalg.iterator_type<reduction>
func.func @two_reductions(%x: tensor<8xi16>, %w: tensor<3x3xi16>, %acc: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error @+1 {{windowed input #0 index d0 + d1 + d2 holds more than one reduction loop}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o, r, q) -> (o + r + q)>,
                                            affine_map<(o, r, q) -> (r, q)>, affine_map<(o, r, q) -> (o)>],
      iterator_types = [#par, #red, #red], windowed = array<i1: true, false>}
      ins(%x, %w : tensor<8xi16>, tensor<3x3xi16>) outs(%acc : tensor<4xi16>) {
  ^bb0(%a: i16, %b: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<4xi16>
  return %y : tensor<4xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @body_types(%x: tensor<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{body argument of type 'i32' for an operand of 'tensor<8xi16>'}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i32, %c: i16):
    snn_kernel.yield %c : i16
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @yield_types(%x: tensor<8xi16>, %acc: tensor<8xi16>) -> tensor<8xi16> {
  // expected-error @+1 {{yields 'i32' for an output of 'tensor<8xi16>'}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : tensor<8xi16>) outs(%acc : tensor<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    %w = arith.extsi %a : i16 to i32
    snn_kernel.yield %w : i32
  } -> tensor<8xi16>
  return %y : tensor<8xi16>
}

// -----

#par = #linalg.iterator_type<parallel>
func.func @results(%x: memref<8xi16>, %acc: memref<8xi16>) {
  // expected-error @+1 {{returns the new outputs on tensors and nothing on buffers}}
  %y = snn_kernel.generic {indexing_maps = [affine_map<(o) -> (o)>, affine_map<(o) -> (o)>],
      iterator_types = [#par], windowed = array<i1: false>}
      ins(%x : memref<8xi16>) outs(%acc : memref<8xi16>) {
  ^bb0(%a: i16, %c: i16):
    snn_kernel.yield %a : i16
  } -> tensor<8xi16>
  return
}

// -----

func.func @hint_loop(%x: tensor<16xf32>, %y: tensor<16xf32>) -> tensor<16xf32> {
  // expected-error @+1 {{vectorize loop 2 out of range: the op has 1 loops}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%y : tensor<16xf32>) attrs = {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 2>} {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

func.func @hint_reduction(%x: tensor<16xf32>, %y: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{vectorize loop 0 is not parallel}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%x : tensor<16xf32>) outs(%y : tensor<f32>) attrs = {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 0>} {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @hint_op() {
  // expected-error @+1 {{'snn_kernel.vectorize' applies to linalg ops and snn_kernel.generic only}}
  "test.op"() {snn_kernel.vectorize = #snn_kernel.vectorize<lanes = 0>} : () -> ()
  return
}

// -----

func.func @hint_kind() {
  // expected-error @+1 {{'snn_kernel.vectorize' must be a #snn_kernel.vectorize attribute}}
  "test.op"() {snn_kernel.vectorize = 3 : i64} : () -> ()
  return
}

// -----

// expected-error @+1 {{vectorize block must be -1 (none) or a loop other than the lanes, got 0}}
func.func @hint_block() attributes {hint = #snn_kernel.vectorize<lanes = 0, block = 0>} {
  return
}

// -----

func.func @scatter_spikes(%x: tensor<4x2x8x8xi8>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x8x8x16xf32>, %p: index) -> tensor<4x1x8x8x16xf32> {
  // expected-error @+1 {{input must be i1 or of the accumulators' type 'f32', got 'i8'}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x2x8x8xi8>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
  return %y : tensor<4x1x8x8x16xf32>
}

// -----

func.func @scatter_ranks(%x: tensor<4x2x8xi1>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x8x8x16xf32>, %p: index) -> tensor<4x1x8x8x16xf32> {
  // expected-error @+1 {{expects input T x C x H x W, weights G x C/G x KH x KW x K and accumulators T x G x OH x OW x K}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x2x8xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
  return %y : tensor<4x1x8x8x16xf32>
}

// -----

func.func @scatter_types(%x: tensor<4x2x8x8xi1>, %w: tensor<1x2x3x3x16xi16>, %acc: tensor<4x1x8x8x16xi32>, %p: index) -> tensor<4x1x8x8x16xi32> {
  // expected-error @+1 {{weights and accumulators must have one element type}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x2x8x8xi1>, tensor<1x2x3x3x16xi16>, tensor<4x1x8x8x16xi32> -> tensor<4x1x8x8x16xi32>
  return %y : tensor<4x1x8x8x16xi32>
}

// -----

func.func @scatter_stride(%x: tensor<4x2x8x8xi1>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x8x8x16xf32>, %p: index) -> tensor<4x1x8x8x16xf32> {
  // expected-error @+1 {{stride and dilation must be two positive integers}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 0, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x2x8x8xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
  return %y : tensor<4x1x8x8x16xf32>
}

// -----

func.func @scatter_shapes(%x: tensor<4x3x8x8xi1>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x8x8x16xf32>, %p: index) -> tensor<4x1x8x8x16xf32> {
  // expected-error @+1 {{input has 3 channels, weights 1 groups of 2}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x3x8x8xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
  return %y : tensor<4x1x8x8x16xf32>
}

// -----

func.func @scatter_channels(%x: tensor<4x2x8x8xi1>, %w: tensor<1x2x3x3x16xf32>, %acc: tensor<4x1x8x8x8xf32>, %p: index) -> tensor<4x1x8x8x8xf32> {
  // expected-error @+1 {{steps, groups or output channels of input}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : tensor<4x2x8x8xi1>, tensor<1x2x3x3x16xf32>, tensor<4x1x8x8x8xf32> -> tensor<4x1x8x8x8xf32>
  return %y : tensor<4x1x8x8x8xf32>
}

// -----

func.func @scatter_result(%x: memref<4x2x8x8xi1>, %w: memref<1x2x3x3x16xf32>, %acc: memref<4x1x8x8x16xf32>, %p: index) {
  // expected-error @+1 {{returns the new accumulators on tensors and nothing on buffers}}
  %y = snn_kernel.event_scatter %x, %w into %acc pad(%p, %p) {stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : memref<4x2x8x8xi1>, memref<1x2x3x3x16xf32>, memref<4x1x8x8x16xf32> -> tensor<4x1x8x8x16xf32>
  return
}
