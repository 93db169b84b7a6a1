//===- HoistBuffers.cpp - Buffers of loop bodies allocated once ------------===//

#include "snn/Transforms/Passes.h"

#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNHOISTBUFFERS
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

/// True if the buffer `value` (or a view of it) can outlive the iteration
/// that allocated it.
static bool escapes(Value value) {
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == value && escapes(view->getResult(0)))
        return true;
      continue;
    }
    if (user->hasTrait<OpTrait::IsTerminator>() || isa<CallOpInterface>(user))
      return true;
    // Storing the buffer itself (not into it) lets it escape.
    if (auto store = dyn_cast<memref::StoreOp>(user); store && store.getValue() == value)
      return true;
    if (isa<RegionBranchOpInterface, LoopLikeOpInterface>(user))
      return true;
  }
  return false;
}

namespace {
struct HoistBuffersPass : public snn::impl::SNNHoistBuffersBase<HoistBuffersPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (alloc->getParentOp() != func && alloc.getType().hasStaticShape() &&
          alloc->getOperands().empty() && !escapes(alloc.getResult()))
        allocs.push_back(alloc);
    });
    Block &entry = func.getBody().front();
    for (memref::AllocOp alloc : allocs)
      alloc->moveBefore(&entry, entry.begin());
  }
};
} // namespace
