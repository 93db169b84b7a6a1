//===- Rebuild.h - Copies of snn ops with new operands ----------*- C++ -*-===//
//
// The scheduling transformations turn an op into a variant of itself: the
// explicit-state form of a neuron (extra `init` operands and results) or a
// tile of a layer (tile-shaped operands and results, changed attributes).
// These helpers build such variants without knowing the op's class.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_UTILS_REBUILD_H
#define SNN_DIALECT_SNN_UTILS_REBUILD_H

#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// Creates a copy of `op` whose operands are `segments` (one list per ODS
/// operand group, in order), whose results have `resultTypes`, with inherent
/// attributes `overrides` replacing or adding to `op`'s (a null value
/// removes the attribute). Discardable attributes are kept.
Operation *rebuildOp(OpBuilder &b, Operation *op, ArrayRef<SmallVector<Value>> segments,
                     TypeRange resultTypes, ArrayRef<NamedAttribute> overrides = {});

/// The operands of `op` grouped by ODS operand group.
SmallVector<SmallVector<Value>> getOperandSegments(Operation *op);

/// The index of the ODS operand group named `name` (e.g. "init", "at").
unsigned getSegmentIndex(Operation *op, StringRef name);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_REBUILD_H
