// RUN: snn-opt %s --convert-snn-to-linalg -verify-diagnostics

func.func @cycle(%x: tensor<5x3xi1>) -> tensor<5x3xi1> {
  // expected-error @+1 {{must be computed step by step first: run snn-step-cycles (snn-to-loops does)}}
  %0 = snn.cycle -> (tensor<5x3xi1>) {
    %y = snn.add %x, %d {mode = #snn.add_mode<or>} : tensor<5x3xi1>, tensor<5x3xi1> -> tensor<5x3xi1>
    %d = snn.delay %y {steps = 1} : (tensor<5x3xi1>) -> tensor<5x3xi1>
    snn.yield %y : tensor<5x3xi1>
  }
  return %0 : tensor<5x3xi1>
}
