//===- SNNInterfaces.h - SNN op interfaces ----------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_IR_SNNINTERFACES_H
#define SNN_DIALECT_SNN_IR_SNNINTERFACES_H

#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::snn {

/// How an interval [lo, hi) of output positions along one per-step dimension
/// maps to the interval an operand is read on along the same dimension:
/// [stride * lo - pad, stride * (hi - 1) - pad + extent). A `full` map reads
/// the operand's whole extent whatever the output interval (e.g. the input
/// channels of a convolution); `groupSize` > 0 marks a grouped convolution's
/// channel map, which reads the input channels of the groups [lo, hi) spans.
struct AxisMap {
  int64_t stride = 1;
  int64_t pad = 0;
  int64_t extent = 1;
  bool full = false;
  int64_t groupOut = 0;
  int64_t groupIn = 0;

  static AxisMap identity() { return {}; }
  static AxisMap all() { return {1, 0, 1, /*full=*/true}; }
  static AxisMap window(int64_t stride, int64_t pad, int64_t extent) {
    return {stride, pad, extent};
  }
  /// Output channels in groups of `out` read input channels in groups of `in`.
  static AxisMap grouped(int64_t out, int64_t in) {
    return {1, 0, 1, false, out, in};
  }
  bool isIdentity() const {
    return !full && groupOut == 0 && stride == 1 && pad == 0 && extent == 1;
  }
};

} // namespace mlir::snn

#include "snn/Dialect/SNN/IR/SNNInterfaces.h.inc"

#endif // SNN_DIALECT_SNN_IR_SNNINTERFACES_H
