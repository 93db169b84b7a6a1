//===- SynapseForm.h - When a synapse may be computed event-driven -*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_UTILS_SYNAPSEFORM_H
#define SNN_DIALECT_SNN_UTILS_SYNAPSEFORM_H

#include "snn/Dialect/SNN/IR/SNNOps.h"

#include <string>

namespace mlir::snn {

/// True if `op` is an snn.conv2d or snn.dense: the ops with an event-driven
/// form.
bool hasEventForm(Operation *op);

/// The form `op` is lowered in: its `form` attribute, dense by default.
SynapseForm getSynapseForm(Operation *op);

/// The buffers the lowering of a reduction (ReductionLowering.cpp) keeps
/// besides its operands and result, which the cost model counts on caches.
struct ReductionBuffers {
  /// Element type of the accumulators, one per output element; null for ops
  /// without (all but convolutions, dense layers, sum and average pooling).
  Type accumulator;
  /// The weights, copied packed in the accumulator type, or null. Dense
  /// layers and event-driven forms pack them, and dense-form convolutions
  /// with vector lanes across their output channels (at least 8 output
  /// channels per group; fewer run their lanes along the columns).
  Value packedWeights;
  /// Whether the input is copied converted to the accumulator type: by
  /// dense-form convolutions with channel lanes (laid out channels-last), by
  /// dense layers unless it has that type, by event-driven forms unless it
  /// is spikes.
  bool convertedInput = false;
};

/// What the lowering of `op` keeps besides its operands and result.
ReductionBuffers getReductionBuffers(Operation *op);

/// Sets the form `op` (an op with an event-driven form) is lowered in.
void setSynapseForm(Operation *op, SynapseForm form);

/// The expected activity of `op` (an op with an event-driven form), if set.
FloatAttr getActivity(Operation *op);
void setActivity(Operation *op, double activity);

/// Succeeds if the event-driven form of `synapse` computes exactly its dense
/// sums: always with integers (exact sums); with floats when every weight is
/// a finite constant and the bias, if any, a constant without -0.0 (skipping
/// `0 * inf` or adding nothing to a -0.0 bias would change the result).
/// Otherwise `why` says what stands in the way.
LogicalResult checkEventFormExact(Operation *synapse, std::string &why);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_SYNAPSEFORM_H
