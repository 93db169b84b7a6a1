//===- EmitVectorLoops.cpp - The snn-emit-vector-loops pass ----------------===//

#include "LanePlan.h"
#include "LoopNestEmitter.h"
#include "EventScatterLoops.h"
#include "StructuredView.h"
#include "snn/Conversion/Passes.h"
#include "snn/Dialect/Kernel/IR/KernelOps.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNEMITVECTORLOOPS
#include "snn/Conversion/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {
struct EmitVectorLoopsPass
    : public snn::impl::SNNEmitVectorLoopsBase<EmitVectorLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    TargetInfo target = TargetInfo::fromOption(vectorBits);
    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::LinalgOp, kernel::GenericOp, kernel::EventScatterOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (auto scatter = dyn_cast<kernel::EventScatterOp>(op)) {
        if (failed(emitEventScatter(rewriter, scatter, target)))
          return signalPassFailure();
        rewriter.eraseOp(op);
        continue;
      }
      if (auto named = dyn_cast<linalg::LinalgOp>(op); named && !isa<linalg::GenericOp>(op)) {
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::GenericOp> generic = linalg::generalizeNamedOp(rewriter, named);
        if (failed(generic)) {
          op->emitOpError() << "cannot be generalized to linalg.generic";
          return signalPassFailure();
        }
        op = *generic;
      }
      std::string why;
      FailureOr<StructuredView> view = StructuredView::get(op, why);
      if (failed(view)) {
        op->emitOpError() << "cannot be emitted as loops: " << why;
        return signalPassFailure();
      }
      rewriter.setInsertionPoint(op);
      coalesceLoops(rewriter, *view);
      LanePlan plan = planVectorization(*view, target);
      if (report)
        op->emitRemark() << "vectorized: " << plan.describe();
      if (failed(emitLoopNest(rewriter, *view, plan, threads)))
        return signalPassFailure();
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
