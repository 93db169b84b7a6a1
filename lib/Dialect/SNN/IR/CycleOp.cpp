//===- CycleOp.cpp - Layers that feed each other across time steps --------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mlir::snn;

void CycleOp::build(OpBuilder &builder, OperationState &state, TypeRange resultTypes) {
  state.addTypes(resultTypes);
  state.addRegion()->push_back(new Block());
}

RegionKind CycleOp::getRegionKind(unsigned) { return RegionKind::Graph; }

/// The ops of `body` that `op` reads at the same time step: the producers of
/// its operands in the body, none for a delay (it reads an earlier step).
static SmallVector<Operation *> sameStepProducers(Operation *op, Block &body) {
  SmallVector<Operation *> producers;
  if (auto delay = dyn_cast<DelayOp>(op); delay && delay.getStepsAttr().getInt() > 0)
    return producers;
  for (Value operand : op->getOperands())
    if (Operation *def = operand.getDefiningOp(); def && def->getBlock() == &body)
      producers.push_back(def);
  return producers;
}

/// Kahn's algorithm over the same-step dependences, taking ready ops in body
/// order (deterministic). Returns the order, or the ops left on a cycle.
static std::pair<SmallVector<Operation *>, SmallVector<Operation *>>
stepOrder(Block &body) {
  llvm::DenseMap<Operation *, unsigned> waiting;
  llvm::DenseMap<Operation *, SmallVector<Operation *>> readers;
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator()) {
    ops.push_back(&op);
    SmallVector<Operation *> producers = sameStepProducers(&op, body);
    waiting[&op] = producers.size();
    for (Operation *producer : producers)
      readers[producer].push_back(&op);
  }
  SmallVector<Operation *> order;
  llvm::DenseMap<Operation *, bool> done;
  bool progress = true;
  while (progress) {
    progress = false;
    for (Operation *op : ops) {
      if (done[op] || waiting[op] != 0)
        continue;
      done[op] = progress = true;
      order.push_back(op);
      for (Operation *reader : readers[op])
        --waiting[reader];
    }
  }
  SmallVector<Operation *> stuck;
  for (Operation *op : ops)
    if (!done[op])
      stuck.push_back(op);
  return {order, stuck};
}

SmallVector<Operation *> CycleOp::getStepOrder() {
  return stepOrder(getBody().front()).first;
}

LogicalResult CycleOp::verifyRegions() {
  Block &body = getBody().front();
  std::optional<int64_t> steps;
  for (Operation &op : body.without_terminator()) {
    if (op.getNumRegions() != 0 ||
        !(isa<LayerOpInterface>(op) || isa<arith::ConstantOp>(op)))
      return op.emitOpError() << "cannot be a member of an 'snn.cycle': its body holds "
                                 "layer ops (and constants) only";
    if (auto stateful = dyn_cast<StatefulOpInterface>(op); stateful &&
        !stateful.getInit().empty())
      return op.emitOpError() << "in an 'snn.cycle' cannot have explicit state";
    auto layer = dyn_cast<LayerOpInterface>(op);
    if (!layer)
      continue;
    if (layer.getScheduleAttr())
      return op.emitOpError() << "in an 'snn.cycle' cannot have a schedule: a cycle "
                                 "is computed one time step at a time";
    int64_t opSteps = cast<RankedTensorType>(op.getResult(0).getType()).getDimSize(0);
    if (steps && *steps != opSteps)
      return op.emitOpError() << "has " << opSteps << " time steps, other members of "
                              << "its cycle have " << *steps;
    steps = opSteps;
  }
  auto yield = cast<YieldOp>(body.getTerminator());
  if (yield.getValues().getTypes() != getResults().getTypes())
    return emitOpError() << "yields " << yield.getValues().size()
                         << " values whose types differ from the results";
  SmallVector<Operation *> stuck = stepOrder(body).second;
  if (!stuck.empty()) {
    InFlightDiagnostic diag = emitOpError()
                              << "has a loop without an 'snn.delay' of at least one step: "
                                 "each of its ops would need its own result of the same step";
    // Every op left waits for another op left: following producers back as
    // many times as there are such ops must end on the loop itself.
    llvm::SmallPtrSet<Operation *, 8> left(stuck.begin(), stuck.end());
    Operation *onLoop = stuck.front();
    for (size_t i = 0; i < stuck.size(); ++i)
      onLoop = *llvm::find_if(sameStepProducers(onLoop, body),
                              [&](Operation *p) { return left.contains(p); });
    diag.attachNote(onLoop->getLoc()) << "'" << onLoop->getName() << "' is on that loop";
    return diag;
  }
  return success();
}
