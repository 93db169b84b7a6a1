//===- SNNInterfaces.h - SNN op interfaces ----------------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_IR_SNNINTERFACES_H
#define SNN_DIALECT_SNN_IR_SNNINTERFACES_H

#include "snn/Dialect/SNN/IR/SNNAttrs.h"

#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::snn {

/// How an interval [lo, hi) of output positions along one per-step dimension
/// maps to the interval an operand is read on along the same dimension:
/// [stride * lo - pad, stride * (hi - 1) - pad + extent). A `full` map reads
/// the operand's whole extent whatever the output interval (e.g. the input
/// channels of a convolution).
struct AxisMap {
  int64_t stride = 1;
  int64_t pad = 0;
  int64_t extent = 1;
  bool full = false;

  static AxisMap identity() { return {}; }
  static AxisMap all() { return {1, 0, 1, /*full=*/true}; }
  static AxisMap window(int64_t stride, int64_t pad, int64_t extent) {
    return {stride, pad, extent};
  }
  bool isIdentity() const { return !full && stride == 1 && pad == 0 && extent == 1; }
  /// Size of the interval read for `size` output positions.
  int64_t readSize(int64_t size, int64_t operandExtent) const {
    return full ? operandExtent : stride * (size - 1) + extent;
  }
};

} // namespace mlir::snn

#include "snn/Dialect/SNN/IR/SNNInterfaces.h.inc"

#endif // SNN_DIALECT_SNN_IR_SNNINTERFACES_H
