//===- SNNToLinalg.cpp - The convert-snn-to-linalg pass --------------------===//

#include "Lowering.h"
#include "snn/Conversion/Passes.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/SynapseForm.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Iterators.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::snn {
#define GEN_PASS_DEF_CONVERTSNNTOLINALG
#include "snn/Conversion/Passes.h.inc"
} // namespace mlir::snn

using namespace mlir;
using namespace mlir::snn;

namespace {

/// A fusion group left as it is executes its region once: inline it. The
/// scheduling passes have already turned its schedule into loops.
struct InlineGroup : OpRewritePattern<GroupOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GroupOp op, PatternRewriter &b) const override {
    Block &body = op.getBody().front();
    auto yield = cast<YieldOp>(body.getTerminator());
    SmallVector<Value> results(yield.getValues());
    b.inlineBlockBefore(&body, op, op.getInputs());
    b.eraseOp(yield);
    b.replaceOp(op, results);
    return success();
  }
};

struct ConvertSNNToLinalgPass
    : public snn::impl::ConvertSNNToLinalgBase<ConvertSNNToLinalgPass> {
  void runOnOperation() override {
    // An event-driven form that would not be exact is refused up front,
    // while the weights can still be traced to their constants.
    WalkResult refused = getOperation()->walk([](Operation *op) {
      if (isa<CycleOp>(op)) {
        op->emitOpError() << "must be computed step by step first: run snn-step-cycles "
                             "(snn-to-loops does)";
        return WalkResult::interrupt();
      }
      std::string why;
      if (getSynapseForm(op) != SynapseForm::Event || succeeded(checkEventFormExact(op, why)))
        return WalkResult::advance();
      op->emitOpError() << "cannot be computed event-driven exactly: " << why;
      return WalkResult::interrupt();
    });
    if (refused.wasInterrupted())
      return signalPassFailure();

    // Neurons and activations first: their time loops take in the synapse
    // that feeds them, which must still be an snn op then. Everything else
    // afterwards.
    ConversionTarget first(getContext());
    first.addIllegalDialect<SNNDialect>();
    first.addLegalOp<Conv2dOp, DenseOp, AddOp, MaxPool2dOp, SumPool2dOp, AvgPool2dOp,
                     FlattenOp, ReshapeOp, ScaleOp, DelayOp, GroupOp, YieldOp>();
    first.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet firstPatterns(&getContext());
    populateStepwiseLoweringPatterns(firstPatterns);
    populateElementwiseLoweringPatterns(firstPatterns);
    if (failed(applyPartialConversion(getOperation(), first, std::move(firstPatterns))))
      return signalPassFailure();

    ConversionTarget target(getContext());
    target.addIllegalDialect<SNNDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateSNNToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      return signalPassFailure();

    // The lowered code no longer depends on the dialect: the hardware was
    // an input of the schedule, which its loops now realise.
    SNNDialect::HardwareAttrHelper hardware(&getContext());
    if (hardware.isAttrPresent(getOperation()))
      hardware.removeAttr(getOperation());

    // Paddings that windows replaced (and the slices of them) are dead.
    getOperation()->walk<WalkOrder::PostOrder, ReverseIterator>([&](Operation *op) {
      if (isa<tensor::PadOp, tensor::ExtractSliceOp>(op) && isOpTriviallyDead(op))
        op->erase();
    });
  }
};

} // namespace

void mlir::snn::populateSNNToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<InlineGroup>(patterns.getContext());
  populateReductionLoweringPatterns(patterns);
  populateElementwiseLoweringPatterns(patterns);
  populateNeuronLoweringPatterns(patterns);
}
