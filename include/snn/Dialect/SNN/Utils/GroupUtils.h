//===- GroupUtils.h - Facts about snn.group ops -----------------*- C++ -*-===//

#ifndef SNN_DIALECT_SNN_UTILS_GROUPUTILS_H
#define SNN_DIALECT_SNN_UTILS_GROUPUTILS_H

#include "snn/Dialect/SNN/IR/SNNOps.h"

namespace mlir::snn {

/// The layer ops of a group in block order.
SmallVector<Operation *> getGroupMembers(GroupOp group);

/// True if block argument `arg` of a group is read as an activation (a
/// time-major tensor) by some member, rather than as a weight or a state.
bool isActivationArgument(BlockArgument arg);

/// Initial state tensors of a stateful op (neuron or delay) as constants: the
/// values its implicit form starts from, in explicit-state order.
SmallVector<Value> createInitialState(OpBuilder &b, Operation *op);

/// True if the function returns `value` (a return-like op uses it).
bool isReturned(Value value);

/// True if `op` is a time-parallel synapse whose result only a neuron or a
/// stateless activation (threshold, relu) reads: that reader computes it one
/// step at a time inside its own loop over time, so the synapse's partial
/// sums exist for one step only (in hardware: in registers). The lowering
/// builds it so and the cost model counts it so.
bool isStepwiseSynapse(Operation *op);

/// True if `op` is a member of an snn.cycle: the schedule passes leave it
/// alone (a cycle is always computed one step at a time, snn-step-cycles).
bool isInCycle(Operation *op);

/// Types of the state components of a stateful op
/// (StatefulOpInterface::getStateTypes), or empty for stateless ops.
SmallVector<Type> getStateTypes(Operation *op);

/// `type` (a time-major tensor) with `steps` time steps.
RankedTensorType withSteps(Type type, int64_t steps);

/// Steps [t0, t0 + steps) of the time-major `value`.
Value sliceSteps(OpBuilder &b, Location loc, Value value, OpFoldResult t0, int64_t steps);

/// `value` (some steps) written into the time-major `dest` from step `t0` on.
Value insertSteps(OpBuilder &b, Location loc, Value value, Value dest, OpFoldResult t0);

} // namespace mlir::snn

#endif // SNN_DIALECT_SNN_UTILS_GROUPUTILS_H
