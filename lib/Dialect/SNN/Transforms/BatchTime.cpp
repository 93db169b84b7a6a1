//===- BatchTime.cpp - Split fusion groups into time tiles -----------------===//
//
// group(T steps) becomes
//
//   %states0 = <initial state constants>
//   %r = scf.for %t0 = 0 to T - T%N step N iter_args(%outs, %states) {
//     %x = tensor.extract_slice <activation inputs>[%t0] [N]
//     %y, %s = snn.group(%x, ..., %states) { <members, stateful ones with init> }
//     tensor.insert_slice %y into %outs[%t0] [N]
//   }
//   <one more tile of T%N steps when N does not divide T>
//
//===----------------------------------------------------------------------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/Rebuild.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNBATCHTIME
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// Rewrites one group into time tiles of `tileSteps` steps.
class TimeTiler {
public:
  TimeTiler(GroupOp group, int64_t timeSteps, int64_t tileSteps)
      : group(group), timeSteps(timeSteps), tileSteps(tileSteps) {
    for (Operation *op : getGroupMembers(group))
      if (!getStateTypes(op).empty())
        stateful.push_back(op);
  }

  void run(IRRewriter &b) {
    Location loc = group.getLoc();
    b.setInsertionPoint(group);
    SmallVector<Value> states;
    for (Operation *op : stateful)
      llvm::append_range(states, createInitialState(b, op));
    SmallVector<Value> outs;
    for (Type type : group.getResultTypes()) {
      auto tensor = cast<RankedTensorType>(type);
      outs.push_back(tensor::EmptyOp::create(b, loc, tensor.getShape(),
                                             tensor.getElementType()));
    }
    unsigned numOuts = outs.size();
    SmallVector<Value> carried(outs);
    carried.append(states);

    int64_t mainSteps = timeSteps - timeSteps % tileSteps;
    Value lb = arith::ConstantIndexOp::create(b, loc, 0);
    Value ub = arith::ConstantIndexOp::create(b, loc, mainSteps);
    Value step = arith::ConstantIndexOp::create(b, loc, tileSteps);
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, step, carried,
        [&](OpBuilder &nb, Location nl, Value t0, ValueRange args) {
          scf::YieldOp::create(nb, nl, emitTile(nb, t0, tileSteps, args, numOuts));
        });
    SmallVector<Value> results(loop.getResults());
    if (mainSteps < timeSteps) {
      b.setInsertionPointAfter(loop);
      results = emitTile(b, b.getIndexAttr(mainSteps), timeSteps - mainSteps, results,
                         numOuts);
    }
    b.replaceOp(group, ArrayRef<Value>(results).take_front(numOuts));
  }

private:
  /// One time tile [t0, t0 + steps): returns the outputs with the tile
  /// inserted, followed by the states after it.
  SmallVector<Value> emitTile(OpBuilder &b, OpFoldResult t0, int64_t steps,
                              ValueRange carried, unsigned numOuts) {
    Location loc = group.getLoc();
    Block &oldBody = group.getBody().front();
    SmallVector<Value> inputs;
    for (auto [input, arg] : llvm::zip(group.getInputs(), oldBody.getArguments())) {
      if (!isActivationArgument(arg)) {
        inputs.push_back(input);
        continue;
      }
      inputs.push_back(sliceSteps(b, loc, input, t0, steps));
    }
    unsigned numInputs = inputs.size();
    ValueRange states = carried.drop_front(numOuts);
    inputs.append(states.begin(), states.end());

    SmallVector<Type> resultTypes;
    for (Type type : group.getResultTypes())
      resultTypes.push_back(withSteps(type, steps));
    for (Value state : states)
      resultTypes.push_back(state.getType());
    ScheduleAttr old = group.getSchedule();
    auto schedule = ScheduleAttr::get(group.getContext(), old.getGroup(), /*timeTile=*/0,
                                      old.getTileAxis(), old.getTileSize(), old.getState());
    auto tile = GroupOp::create(b, loc, resultTypes, inputs, schedule);

    // Members with the tile's number of steps; stateful ones explicit.
    Block &body = tile.getBody().front();
    IRMapping mapping;
    mapping.map(oldBody.getArguments(), body.getArguments().take_front(numInputs));
    auto stateArgs = body.getArguments().drop_front(numInputs);
    OpBuilder inner = OpBuilder::atBlockEnd(&body);
    SmallVector<Value> finals;
    for (Operation &op : oldBody.without_terminator()) {
      if (!isa<LayerOpInterface>(op)) {
        inner.clone(op, mapping);
        continue;
      }
      SmallVector<Value> operands = llvm::map_to_vector(
          op.getOperands(), [&](Value v) { return mapping.lookupOrDefault(v); });
      SmallVector<Type> types{withSteps(op.getResult(0).getType(), steps)};
      ValueRange states = stateArgs.take_front(getStateTypes(&op).size());
      llvm::append_range(types, states.getTypes());
      stateArgs = stateArgs.drop_front(states.size());
      Operation *copy = rebuildOp(inner, &op, operands, types);
      if (!states.empty())
        cast<StatefulOpInterface>(copy).getInitMutable().assign(states);
      mapping.map(op.getResult(0), copy->getResult(0));
      llvm::append_range(finals, copy->getResults().drop_front());
    }
    SmallVector<Value> yielded;
    for (Value v : cast<YieldOp>(oldBody.getTerminator()).getValues())
      yielded.push_back(mapping.lookup(v));
    yielded.append(finals);
    YieldOp::create(inner, loc, yielded);

    SmallVector<Value> next;
    for (auto [out, value] : llvm::zip(carried.take_front(numOuts), tile.getResults()))
      next.push_back(insertSteps(b, loc, value, out, t0));
    llvm::append_range(next, tile.getResults().drop_front(numOuts));
    return next;
  }

  GroupOp group;
  int64_t timeSteps, tileSteps;
  SmallVector<Operation *> stateful;
};

/// Fails on a group whose layer ops are not all directly in its body: one
/// snn-tile-spatial has split into bands, whose loop the time tiles cannot
/// copy with fewer steps.
static LogicalResult verifyNotBanded(GroupOp group) {
  Operation *nested = nullptr;
  group.getBody().walk([&](Operation *op) {
    if (!isa<LayerOpInterface>(op) || op->getParentOp() == group)
      return WalkResult::advance();
    nested = op;
    return WalkResult::interrupt();
  });
  if (!nested)
    return success();
  InFlightDiagnostic diag = group.emitOpError()
                            << "with time_tile = " << group.getSchedule().getTimeTile()
                            << " is already split into spatial bands ('"
                            << nested->getName() << "' inside '"
                            << nested->getParentOp()->getName()
                            << "'); run snn-batch-time before snn-tile-spatial";
  diag.attachNote(nested->getLoc()) << "'" << nested->getName() << "' is here";
  return diag;
}

struct SNNBatchTimePass : public snn::impl::SNNBatchTimeBase<SNNBatchTimePass> {
  void runOnOperation() override {
    SmallVector<GroupOp> groups;
    getOperation()->walk([&](GroupOp group) { groups.push_back(group); });
    IRRewriter rewriter(&getContext());
    for (GroupOp group : groups) {
      int64_t tile = group.getSchedule().getTimeTile();
      if (group.getNumResults() == 0)
        continue;
      int64_t steps = cast<RankedTensorType>(group.getResult(0).getType()).getDimSize(0);
      if (tile == 0 || tile >= steps)
        continue;
      if (failed(verifyNotBanded(group)))
        return signalPassFailure();
      TimeTiler(group, steps, tile).run(rewriter);
    }
  }
};

} // namespace
