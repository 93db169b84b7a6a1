// RUN: snn-opt %s --snn-annotate-activity=profile=%S/Inputs/activity.json --snn-choose-synapse-form | FileCheck %s
// RUN: not snn-opt %s --snn-annotate-activity=profile=%S/Inputs/activity-unknown.json 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not snn-opt %s --snn-annotate-activity=profile=%S/Inputs/activity-range.json 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not snn-opt %s --snn-annotate-activity=profile=%S/Inputs/missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not snn-opt %s --snn-annotate-activity 2>&1 | FileCheck %s --check-prefix=NOFILE

// A measured profile names the layers by their locations; the choice then
// follows: conv (2% of its inputs spike) event-driven, fc (75%) dense.

// CHECK-LABEL: func.func @net
// CHECK: snn.conv2d {{.*}}{activity = 2.000000e-02 : f64, form = #snn.synapse_form<event>}
// CHECK: snn.dense {{.*}}{activity = 7.500000e-01 : f64, form = #snn.synapse_form<dense>}
func.func @net(%x: tensor<4x2x8x8xi1>) -> tensor<4x10xi1> {
  %w = arith.constant dense<1> : tensor<4x2x3x3xi8>
  %y = snn.conv2d %x, %w : (tensor<4x2x8x8xi1>, tensor<4x2x3x3xi8>) -> tensor<4x4x6x6xi16> loc("conv")
  %s = snn.threshold %y {threshold = 2.0 : f64} : tensor<4x4x6x6xi16> -> tensor<4x4x6x6xi1> loc("spikes")
  %f = snn.flatten %s : tensor<4x4x6x6xi1> -> tensor<4x144xi1> loc("flat")
  %wd = arith.constant dense<1> : tensor<10x144xi8>
  %z = snn.dense %f, %wd : (tensor<4x144xi1>, tensor<10x144xi8>) -> tensor<4x10xi16> loc("fc")
  %o = snn.threshold %z {threshold = 3.0 : f64} : tensor<4x10xi16> -> tensor<4x10xi1> loc("out")
  return %o : tensor<4x10xi1>
}

// UNKNOWN: error: {{.*}}activity-unknown.json: no conv2d or dense layer is named "nowhere"
// RANGE: error: {{.*}}activity-range.json: "conv" must be an activity in [0, 1]
// MISSING: error: cannot read {{.*}}missing.json
// NOFILE: error: snn-annotate-activity needs profile=<activity.json>
