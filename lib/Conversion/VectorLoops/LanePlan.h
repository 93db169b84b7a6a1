//===- LanePlan.h - How a structured op is vectorized -----------*- C++ -*-===//

#ifndef SNN_LIB_CONVERSION_VECTORLOOPS_LANEPLAN_H
#define SNN_LIB_CONVERSION_VECTORLOOPS_LANEPLAN_H

#include "StructuredView.h"
#include "snn/Conversion/VectorLoops/TargetInfo.h"

namespace mlir::snn {

/// Loop `lanes` runs across `width` vector lanes, `vectors` vectors at a
/// time; loop `block` is unrolled `unroll` times inside it. With reductions,
/// the `unroll x vectors` accumulators of every output live in registers
/// across the reduction loops.
struct LanePlan {
  int lanes = -1;
  int64_t width = 1;
  int64_t vectors = 1;
  int block = -1;
  int64_t unroll = 1;

  bool isScalar() const { return lanes < 0; }
  std::string describe() const;
};

/// Chooses the plan for `view` on `target` from the op's vectorize hint, or
/// from its access pattern when it has none: the lanes run along the last
/// parallel loop every output is contiguous in.
LanePlan planVectorization(const StructuredView &view, const TargetInfo &target);

} // namespace mlir::snn

#endif // SNN_LIB_CONVERSION_VECTORLOOPS_LANEPLAN_H
