//===- CopiesToLinalg.cpp - memref.copy as linalg.copy ---------------------===//

#include "snn/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNCOPIESTOLINALG
#include "snn/Transforms/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

namespace {
struct SNNCopiesToLinalgPass
    : public snn::impl::SNNCopiesToLinalgBase<SNNCopiesToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add(+[](memref::CopyOp op, PatternRewriter &b) -> LogicalResult {
      b.replaceOpWithNewOp<linalg::CopyOp>(op, op.getSource(), op.getTarget());
      return success();
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
