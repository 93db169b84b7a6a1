//===- FuseLayers.cpp - Outline fusion groups into snn.group ---------------===//

#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Transforms/Passes.h"
#include "snn/Dialect/SNN/Utils/ScheduleGroups.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNFUSELAYERS
#include "snn/Dialect/SNN/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

/// Checks that the members of a group agree on everything but their id.
static LogicalResult verifyAgreement(ArrayRef<Operation *> members) {
  auto first = getSchedule(members.front());
  for (Operation *op : members.drop_front()) {
    auto s = getSchedule(op);
    if (s.getTimeTile() != first.getTimeTile() || s.getTileAxis() != first.getTileAxis() ||
        s.getTileSize() != first.getTileSize() || s.getState() != first.getState())
      return op->emitError() << "fusion group " << s.getGroup()
                             << ": schedule " << s << " disagrees with " << first
                             << " of an earlier member";
  }
  return success();
}

/// Moves `members` (in block order) into a new snn.group after the last one.
static LogicalResult outline(IRRewriter &rewriter, ArrayRef<Operation *> members) {
  llvm::SmallPtrSet<Operation *, 16> inGroup(members.begin(), members.end());
  Operation *first = members.front(), *last = members.back();
  auto schedule = getSchedule(first);

  // A non-member between the members may not use a member's value, nor may
  // the ops in its regions (an snn.cycle's): the group would have to be both
  // before and after it.
  auto readsMember = [&](Operation *op) {
    return op->walk([&](Operation *nested) {
               for (Value operand : nested->getOperands())
                 if (Operation *def = operand.getDefiningOp(); def && inGroup.contains(def))
                   return WalkResult::interrupt();
               return WalkResult::advance();
             }).wasInterrupted();
  };
  for (Operation *op = first; op != last; op = op->getNextNode())
    if (!inGroup.contains(op) && readsMember(op))
      return op->emitError() << "uses a value of fusion group " << schedule.getGroup()
                             << ", whose members surround it; the group is not "
                                "contiguous";

  llvm::SetVector<Value> inputs, results;
  for (Operation *op : members) {
    for (Value operand : op->getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (!def || !inGroup.contains(def))
        inputs.insert(operand);
    }
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(),
                       [&](Operation *user) { return !inGroup.contains(user); }))
        results.insert(result);
  }

  rewriter.setInsertionPointAfter(last);
  SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  auto group = GroupOp::create(rewriter, last->getLoc(), resultTypes,
                               inputs.getArrayRef(), schedule);
  Block &body = group.getBody().front();
  IRMapping mapping;
  mapping.map(inputs.getArrayRef(), body.getArguments());
  rewriter.setInsertionPointToEnd(&body);
  for (Operation *op : members) {
    Operation *copy = rewriter.clone(*op, mapping);
    removeSchedule(copy);
  }
  SmallVector<Value> yielded;
  for (Value v : results)
    yielded.push_back(mapping.lookup(v));
  YieldOp::create(rewriter, last->getLoc(), yielded);

  for (auto [old, replacement] : llvm::zip(results, group.getResults()))
    rewriter.replaceAllUsesWith(old, replacement);
  for (Operation *op : llvm::reverse(members))
    rewriter.eraseOp(op);
  return success();
}

namespace {
struct SNNFuseLayersPass : public snn::impl::SNNFuseLayersBase<SNNFuseLayersPass> {
  void runOnOperation() override {
    // Collect groups per block first: outlining moves ops. An snn.group is
    // outlined already (its ops lost their schedules), whatever snn-batch-time
    // and snn-tile-spatial made of it: neither it nor the loops in its body
    // are looked into, so fusing fused IR again changes nothing.
    SmallVector<SmallVector<Operation *>> groups;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<GroupOp>(op))
        return WalkResult::skip();
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (ScheduleGroup &group : getScheduleGroups(block))
            if (!group.outlined && !needsNoLoops(group.schedule))
              groups.push_back(std::move(group.ops));
      return WalkResult::advance();
    });

    IRRewriter rewriter(&getContext());
    for (ArrayRef<Operation *> members : groups)
      if (failed(verifyAgreement(members)) || failed(outline(rewriter, members)))
        return signalPassFailure();
  }
};
} // namespace
