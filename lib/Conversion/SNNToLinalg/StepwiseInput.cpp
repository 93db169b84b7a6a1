//===- StepwiseInput.cpp - Synapses computed one step at a time ------------===//

#include "Lowering.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"
#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/Utils/Rebuild.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::snn;

bool mlir::snn::isStepwiseInput(Value input) {
  return isStepwiseSynapse(input.getDefiningOp());
}

Value mlir::snn::computeInputStep(OpBuilder &b, Location loc, Value input, Value t) {
  if (!isStepwiseInput(input))
    return sliceSteps(b, loc, input, t, 1);
  Operation *producer = input.getDefiningOp();
  SmallVector<Value> operands(producer->getOperands());
  for (unsigned operand : cast<LayerOpInterface>(producer).getActivationOperands())
    operands[operand] = sliceSteps(b, loc, operands[operand], t, 1);
  return rebuildOp(b, producer, operands, {withSteps(input.getType(), 1)})->getResult(0);
}

namespace {

/// A stateless activation (threshold, relu) over a step-wise input: a loop
/// over time computing one step of the synapse and of the activation, each
/// then lowered by the ordinary patterns.
template <typename ActivationOp>
struct StepwiseActivation : OpRewritePattern<ActivationOp> {
  using OpRewritePattern<ActivationOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ActivationOp op, PatternRewriter &b) const override {
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(op.getResult().getType());
    if (!isStepwiseInput(input) || type.getDimSize(0) == 1)
      return failure();
    Location loc = op.getLoc();
    Value out = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
    Value lb = arith::ConstantIndexOp::create(b, loc, 0);
    Value ub = arith::ConstantIndexOp::create(b, loc, type.getDimSize(0));
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Operation *producer = input.getDefiningOp();
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, one, ValueRange{out},
        [&](OpBuilder &nb, Location nl, Value t, ValueRange acc) {
          SmallVector<Value> operands(op->getOperands());
          operands[0] = computeInputStep(nb, nl, input, t);
          Value step = rebuildOp(nb, op, operands, {withSteps(op.getResult().getType(), 1)})
                           ->getResult(0);
          scf::YieldOp::create(nb, nl, insertSteps(nb, nl, step, acc[0], t));
        });
    b.replaceOp(op, loop.getResults());
    b.eraseOp(producer);
    return success();
  }
};

} // namespace

void mlir::snn::populateStepwiseLoweringPatterns(RewritePatternSet &patterns) {
  populateNeuronLoweringPatterns(patterns);
  patterns.add<StepwiseActivation<ThresholdOp>, StepwiseActivation<ReluOp>>(
      patterns.getContext(), /*benefit=*/2);
}
