// RUN: snn-opt %s --snn-batch-time --verify-diagnostics

// A group split into bands by snn-tile-spatial (as `--snn-fuse-layers
// --snn-tile-spatial` leaves it) cannot be split into time tiles any more:
// its layer ops are inside the loop over bands.
func.func @banded(%x: tensor<2x3xi1>, %w: tensor<4x3xi8>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'snn.group' op with time_tile = 1 is already split into spatial bands ('snn.dense' inside 'scf.for'); run snn-batch-time before snn-tile-spatial}}
  %0 = snn.group(%x, %w) {schedule = #snn.schedule<group = 0, time_tile = 1>} : (tensor<2x3xi1>, tensor<4x3xi8>) -> tensor<2x4xi8> {
  ^bb0(%a: tensor<2x3xi1>, %b: tensor<4x3xi8>):
    %e = tensor.empty() : tensor<2x4xi8>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %e) -> (tensor<2x4xi8>) {
      %wi = tensor.extract_slice %b[%i, 0] [1, 3] [1, 1] : tensor<4x3xi8> to tensor<1x3xi8>
      // expected-note @+1 {{'snn.dense' is here}}
      %d = snn.dense %a, %wi : (tensor<2x3xi1>, tensor<1x3xi8>) -> tensor<2x1xi8>
      %ins = tensor.insert_slice %d into %acc[0, %i] [2, 1] [1, 1] : tensor<2x1xi8> into tensor<2x4xi8>
      scf.yield %ins : tensor<2x4xi8>
    }
    snn.yield %r : tensor<2x4xi8>
  }
  return %0 : tensor<2x4xi8>
}
