//===- Rebuild.h - Copies of snn ops with new operands ----------*- C++ -*-===//
//
// The scheduling transformations turn an op into a variant of itself: the
// explicit-state form of a neuron (extra `init` operands and results) or a
// tile of a layer (tile-shaped operands and results, changed attributes).
// rebuildOp builds such a variant without knowing the op's class; operand
// groups are then resized through the op's interfaces
// (StatefulOpInterface::getInitMutable, TilePlacementOpInterface).
//
//===----------------------------------------------------------------------===//

#ifndef SNN_DIALECT_SNN_UTILS_REBUILD_H
#define SNN_DIALECT_SNN_UTILS_REBUILD_H

#include "mlir/IR/Builders.h"

namespace mlir::snn {

/// Creates a copy of `op` whose operands are `operands` (as many as `op`'s,
/// in the same operand groups), whose results have `resultTypes`, with
/// inherent attributes `overrides` replacing or adding to `op`'s (a null
/// value removes the attribute). Discardable attributes are kept.
Operation *rebuildOp(OpBuilder &b, Operation *op, ValueRange operands, TypeRange resultTypes,
                     ArrayRef<NamedAttribute> overrides = {});

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_REBUILD_H
