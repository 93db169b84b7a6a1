//===- Passes.td - SNN dialect transformations -------------*- tablegen -*-===//

#ifndef SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD
#define SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNFuseLayers : Pass<"snn-fuse-layers"> {
  let summary = "Outline the fusion groups of #snn.schedule into snn.group ops";
  let description = [{
    Ops whose `#snn.schedule` share a non-negative `group` id are moved into
    one `snn.group` op, placed where the last of them was; values defined
    outside become its operands and values used outside its results. An op
    with a non-default schedule but no group becomes a group of its own. The
    group carries the members' schedule, which must agree on `time_tile`,
    `tile_axis`, `tile_size` and `state`; the members lose theirs.

    Errors: members that disagree, or a group that is not contiguous (an op
    between its members uses one of its values).
  }];
  let dependentDialects = ["::mlir::snn::SNNDialect"];
}

def SNNBatchTime : Pass<"snn-batch-time"> {
  let summary = "Split the time loop of fusion groups into time tiles";
  let description = [{
    A group whose `time_tile` N is between 1 and its number of steps T runs as
    an `scf.for` over time tiles of N steps (a last, shorter tile when N does
    not divide T). Each iteration slices N steps of the group's activations,
    runs a copy of the group on them and inserts its results; every neuron
    becomes explicit-state (`init(...)`), its state tensors carried by the loop,
    so the membrane outlives the tile exactly as the whole-time semantics
    require. Delays carry their last `steps` inputs the same way. The copy's
    schedule says `time_tile = 0`: its tiles are batched over all their steps.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def SNNTileSpatial : Pass<"snn-tile-spatial"> {
  let summary = "Split fusion groups into spatial tiles (bands)";
  let description = [{
    A group with `tile_axis` rows, cols or channels runs as an `scf.for` over
    bands of `tile_size` elements of its result along that axis. In each band
    every op computes a static-size window of its result: what its consumers
    in the group read, halos of convolutions and pooling included, so
    intermediate activations are tile-sized tensors (see TileGeometry.h).
    Halos are recomputed by neighbouring bands; neuron state of an
    explicit-state group is read per band from the state at the start of the
    time tile and written back, overlapping neurons giving identical values.
    Padding becomes `tensor.pad` of the band's input, and ops with per-channel
    or per-neuron parameters get their position through `at`/`layer_shape`.

    The group must have one result (its last op) and every op must support
    tiling along the axis (no flatten/reshape, no recurrence).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // SNN_DIALECT_SNN_TRANSFORMS_PASSES_TD
