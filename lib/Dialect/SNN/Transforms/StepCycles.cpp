//===- StepCycles.cpp - Compute snn.cycle ops one time step at a time ------===//
//
// cycle(T steps) becomes
//
//   %states0 = <initial states of its neurons and delays>
//   %r = scf.for %t = 0 to T iter_args(%outs, %states) {
//     <each delay's output at t: the oldest step of its history>
//     <the other members on step t of what they read, in step order,
//      stateful ones explicit (init = their state)>
//     <each delay's history shifted by one step, the new input last>
//     tensor.insert_slice <yielded values> into %outs[%t] [1]
//   }
//
// A delay of k >= 1 steps yields at t what it read at t - k, so its output
// exists before the op that feeds it runs; that is what makes the loop
// computable one step at a time.
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/Rebuild.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNSTEPCYCLES
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// Rewrites one cycle into a loop over its time steps.
class CycleStepper {
public:
  explicit CycleStepper(CycleOp cycle) : cycle(cycle), members(cycle.getStepOrder()) {}

  void run(IRRewriter &b) {
    Location loc = cycle.getLoc();
    b.setInsertionPoint(cycle);
    SmallVector<Value> carried;
    for (Type type : cycle.getResultTypes()) {
      auto tensor = cast<RankedTensorType>(type);
      carried.push_back(tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                                tensor.getElementType()));
    }
    for (Operation *op : members)
      if (!getStateTypes(op).empty())
        llvm::append_range(carried, createInitialState(b, op));
    int64_t steps = cast<RankedTensorType>(cycle.getResult(0).getType()).getDimSize(0);
    Value lb = arith::ConstantIndexOp::create(b, loc, 0);
    Value ub = arith::ConstantIndexOp::create(b, loc, steps);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, one, carried,
        [&](OpBuilder &nb, Location nl, Value t, ValueRange args) {
          scf::YieldOp::create(nb, nl, emitStep(nb, t, args));
        });
    b.replaceOp(cycle, loop.getResults().take_front(cycle.getNumResults()));
  }

private:
  /// Step `t`: the outputs with the step inserted, then the new states.
  SmallVector<Value> emitStep(OpBuilder &b, Value t, ValueRange carried) {
    Location loc = cycle.getLoc();
    unsigned numOuts = cycle.getNumResults();
    ValueRange states = carried.drop_front(numOuts);
    IRMapping mapping;
    // What a member reads from above the cycle: one step of an activation,
    // a weight as it is.
    auto operandAt = [&](Operation *op, unsigned index) -> Value {
      Value v = op->getOperand(index);
      if (Value mapped = mapping.lookupOrNull(v))
        return mapped;
      auto layer = cast<LayerOpInterface>(op);
      if (!llvm::is_contained(layer.getActivationOperands(), index))
        return v;
      Value slice = sliceSteps(b, loc, v, t, 1);
      mapping.map(v, slice);
      return slice;
    };

    SmallVector<std::pair<DelayOp, Value>> histories;
    SmallVector<Value> newStates;
    for (Operation *op : members) {
      ValueRange opStates = states.take_front(getStateTypes(op).size());
      states = states.drop_front(opStates.size());
      if (!isa<LayerOpInterface>(op)) {
        b.clone(*op, mapping);
        continue;
      }
      if (auto delay = dyn_cast<DelayOp>(op); delay && !opStates.empty()) {
        mapping.map(delay.getResult(), sliceSteps(b, loc, opStates[0], b.getIndexAttr(0), 1));
        histories.push_back({delay, opStates[0]});
        newStates.push_back(Value());  // the shifted history, once its input exists
        continue;
      }
      SmallVector<Value> operands;
      for (unsigned i = 0, e = op->getNumOperands(); i < e; ++i)
        operands.push_back(operandAt(op, i));
      SmallVector<Type> types{withSteps(op->getResult(0).getType(), 1)};
      llvm::append_range(types, opStates.getTypes());
      Operation *copy = rebuildOp(b, op, operands, types);
      if (!opStates.empty())
        cast<StatefulOpInterface>(copy).getInitMutable().assign(opStates);
      mapping.map(op->getResult(0), copy->getResult(0));
      llvm::append_range(newStates, copy->getResults().drop_front());
    }
    // Each delay's history drops its oldest step and takes this step's input.
    auto history = histories.begin();
    for (Value &state : newStates) {
      if (state)
        continue;
      auto [delay, old] = *history++;
      Value input = operandAt(delay, 0);
      int64_t k = delay.getStepsAttr().getInt();
      if (k == 1) {
        state = input;
        continue;
      }
      auto type = cast<RankedTensorType>(old.getType());
      Value next = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
      next = insertSteps(b, loc, sliceSteps(b, loc, old, b.getIndexAttr(1), k - 1), next,
                         b.getIndexAttr(0));
      state = insertSteps(b, loc, input, next, b.getIndexAttr(k - 1));
    }

    SmallVector<Value> next;
    auto yield = cast<YieldOp>(cycle.getBody().front().getTerminator());
    for (auto [out, value] : llvm::zip(carried.take_front(numOuts), yield.getValues())) {
      Value step = mapping.lookupOrNull(value);
      next.push_back(insertSteps(b, loc, step ? step : sliceSteps(b, loc, value, t, 1), out, t));
    }
    llvm::append_range(next, newStates);
    return next;
  }

  CycleOp cycle;
  SmallVector<Operation *> members;
};

struct SNNStepCyclesPass : public snn::impl::SNNStepCyclesBase<SNNStepCyclesPass> {
  void runOnOperation() override {
    SmallVector<CycleOp> cycles;
    getOperation()->walk([&](CycleOp cycle) { cycles.push_back(cycle); });
    IRRewriter rewriter(&getContext());
    for (CycleOp cycle : cycles) {
      if (cycle.getNumResults() == 0) {
        rewriter.eraseOp(cycle);
        continue;
      }
      CycleStepper(cycle).run(rewriter);
    }
  }
};

} // namespace
