//===- Residency.h - Activations that cross schedule groups -----*- C++ -*-===//
//
// The part of the cost model that looks at every group at once: where the
// activations crossing group boundaries live (Residency.cpp), from the
// external reads and results the evaluation of each group recorded.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_LIB_ANALYSIS_RESIDENCY_H
#define SNN_LIB_ANALYSIS_RESIDENCY_H

#include "GroupEvaluation.h"

namespace mlir::snn {

/// Places every activation that crosses the groups of `report` (evaluated
/// as `groups`, in order), charges its off-chip traffic to its producer
/// (outputs O) and readers (inputs I), and sets every group's
/// `liveTensorBits`.
void placeCrossingTensors(const CostModel &model, CostReport &report,
                          ArrayRef<GroupEvaluation> groups);

} // namespace mlir::snn

#endif // SNN_LIB_ANALYSIS_RESIDENCY_H
