//===- GroupEvaluation.h - Cost of one schedule group -----------*- C++ -*-===//
//
// The part of the cost model that looks at one group at a time: its loop
// structure (time tiles, bands and windows from TileGeometry), the tiles it
// keeps on chip, the operations it executes and the traffic that does not
// depend on other groups (weights, state, reads and writes of its tiles).
// Activations that cross group boundaries are placed afterwards
// (Residency.cpp), from the external reads and results recorded here. It
// reads the schedule-independent facts of CostModel.h; CostModel::evaluate
// (ScheduleEvaluation.cpp) and the schedule search call it.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_ANALYSIS_GROUPEVALUATION_H
#define SNN_LIB_ANALYSIS_GROUPEVALUATION_H

#include "snn/Analysis/CostModel.h"
#include "snn/Dialect/SNN/Utils/TileGeometry.h"

namespace mlir::snn {

/// A read of an activation produced outside the group.
struct ExternalRead {
  Value tensor;
  unsigned layer; ///< index of the reading op in the report
  /// Bits fetched from the tensor over the whole run: every element of it
  /// the bands read, once per time step (bands keep the overlap of
  /// consecutive windows in their staging buffer).
  int64_t bits;
};

/// What evaluating one group yields.
struct GroupEvaluation {
  GroupCost cost;
  SmallVector<LayerCost> layers;
  SmallVector<ExternalRead> externalReads;
  /// The group's values used outside it (or returned), with their producer's
  /// index in `layers`.
  SmallVector<std::pair<Value, unsigned>> results;
};

/// Evaluates group `spec` (reported as group number `index`), whose first op
/// is layer `firstLayer` of the function. `geometry` may give the group's
/// tile geometry when the caller has already computed it.
FailureOr<GroupEvaluation> evaluateGroup(const CostModel &model, const GroupSpec &spec,
                                         unsigned index, unsigned firstLayer,
                                         const TileGeometry *geometry = nullptr);

/// Energy of a layer's traffic and operations on `hw`.
Energy layerEnergy(const LayerCost &layer, const HardwareModel &hw);

} // namespace mlir::snn

#endif // SNN_LIB_ANALYSIS_GROUPEVALUATION_H
