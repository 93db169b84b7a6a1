//===- HoistBuffers.cpp - Buffers of loop bodies allocated once ------------===//
//
// Two cases move an allocation out of loops:
//
// * a buffer that lives within one iteration (it may be passed to inner
//   loops and come back out of them, but is never carried to the next
//   iteration of a loop around its allocation, returned, stored or passed to
//   a call) is allocated once at the start of the function;
// * a buffer a loop yields as the new value of an iteration argument whose
//   old value dies in that iteration (a state updated out of place) rotates
//   with the old one: the loop carries both, and yields them swapped, so
//   two buffers allocated before the loop serve every iteration.
//
//===----------------------------------------------------------------------===//

#include "snn/Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNHOISTBUFFERS
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

/// True if the buffer `value` (or a view of it) can outlive an iteration of
/// a loop around `scope`, the op that allocates it.
static bool outlives(Value value, Operation *scope) {
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == value && outlives(view->getResult(0), scope))
        return true;
      continue;
    }
    if (auto loop = dyn_cast<scf::ForOp>(user)) {
      // An iteration argument: the buffer lives on in the loop's body and
      // result.
      if (OpResult result = loop.getTiedLoopResult(&use))
        if (outlives(loop.getTiedLoopRegionIterArg(&use), scope) || outlives(result, scope))
          return true;
      continue;
    }
    if (auto yield = dyn_cast<scf::YieldOp>(user)) {
      // Yielded by an op inside the allocation's iteration: the op's result.
      Operation *parent = yield->getParentOp();
      if (parent->isProperAncestor(scope) || !isa<scf::ForOp, scf::IfOp>(parent))
        return true;
      if (outlives(parent->getResult(use.getOperandNumber()), scope))
        return true;
      continue;
    }
    if (user->hasTrait<OpTrait::IsTerminator>() || isa<CallOpInterface>(user) ||
        isa<RegionBranchOpInterface>(user))
      return true;
    if (auto store = dyn_cast<memref::StoreOp>(user); store && store.getValue() == value)
      return true;
  }
  return false;
}

/// A function-level static allocation whose only use other than `loop`'s
/// operand is before the loop in the same block.
static bool diesInto(Value init, scf::ForOp loop) {
  auto alloc = init.getDefiningOp<memref::AllocOp>();
  if (!alloc || !alloc.getType().hasStaticShape() || !alloc->getOperands().empty())
    return false;
  return llvm::all_of(init.getUsers(), [&](Operation *user) {
    return user == loop ||
           (user->getBlock() == loop->getBlock() && user->isBeforeInBlock(loop));
  });
}

/// Rotates iteration argument `index` of `loop` if it is yielded as a fresh
/// allocation of its body: returns the loop that replaces it, or null.
static scf::ForOp rotate(scf::ForOp loop, unsigned index, RewriterBase &rewriter) {
  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  auto fresh = yield.getOperand(index).getDefiningOp<memref::AllocOp>();
  Value old = loop.getRegionIterArg(index);
  if (!fresh || fresh->getBlock() != loop.getBody() || !fresh->getOperands().empty() ||
      fresh.getType() != old.getType() || !diesInto(loop.getInitArgs()[index], loop))
    return nullptr;
  // The new value must not escape otherwise, the old one not be yielded.
  if (llvm::any_of(fresh->getUses(), [&](OpOperand &use) {
        return use.getOwner() == yield && use.getOperandNumber() != index;
      }) ||
      llvm::is_contained(yield.getOperands(), old))
    return nullptr;
  rewriter.setInsertionPoint(loop);
  Value spare = memref::AllocOp::create(rewriter, fresh.getLoc(), fresh.getType(),
                                        fresh.getAlignmentAttr());
  auto next = cast<scf::ForOp>(*loop.replaceWithAdditionalYields(
      rewriter, spare, /*replaceInitOperandUsesInLoop=*/false,
      [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
        return SmallVector<Value>{old};
      }));
  // The spare buffer takes the fresh one's place: old and new swap roles.
  BlockArgument spareArg = next.getRegionIterArgs().back();
  rewriter.replaceAllUsesWith(fresh.getResult(), spareArg);
  rewriter.eraseOp(fresh);
  return next;
}

namespace {
struct HoistBuffersPass : public snn::impl::SNNHoistBuffersBase<HoistBuffersPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    IRRewriter rewriter(&getContext());
    SmallVector<scf::ForOp> loops;
    func.walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      for (unsigned i = 0; i < loop.getNumRegionIterArgs(); ++i)
        if (isa<MemRefType>(loop.getRegionIterArg(i).getType()))
          if (scf::ForOp rotated = rotate(loop, i, rewriter))
            loop = rotated;

    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (alloc->getParentOp() != func && alloc.getType().hasStaticShape() &&
          alloc->getOperands().empty() && !outlives(alloc.getResult(), alloc))
        allocs.push_back(alloc);
    });
    Block &entry = func.getBody().front();
    for (memref::AllocOp alloc : allocs)
      alloc->moveBefore(&entry, entry.begin());
  }
};
} // namespace
