//===- FuseElementwise.cpp - The snn-fuse-elementwise pass -----------------===//

#include "snn/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNFUSEELEMENTWISE
#include "snn/Conversion/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

/// True if `op` is a linalg op whose loops are all parallel.
static bool isElementwise(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumLoops() == linalgOp.getNumParallelLoops();
}

namespace {
struct FuseElementwisePass
    : public snn::impl::SNNFuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, [](OpOperand *operand) {
      Operation *producer = operand->get().getDefiningOp();
      return isElementwise(producer) && isElementwise(operand->getOwner()) &&
             operand->get().hasOneUse();
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
