//===- DropEmptySlices.cpp - The snn-drop-empty-slices pass ----------------===//

#include "snn/Conversion/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::snn {
#define GEN_PASS_DEF_SNNDROPEMPTYSLICES
#include "snn/Conversion/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;

namespace {

/// A slice with no elements: an empty tensor of its type.
struct DropEmptySlice : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = op.getResultType();
    if (!type.hasStaticShape() || type.getNumElements() != 0)
      return failure();
    rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(), type.getElementType());
    return success();
  }
};

struct DropEmptySlicesPass
    : public snn::impl::SNNDropEmptySlicesBase<DropEmptySlicesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DropEmptySlice>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
