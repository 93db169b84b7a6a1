//===- SynapseForm.cpp - When a synapse may be computed event-driven -------===//

#include "snn/Dialect/SNN/Utils/SynapseForm.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/Utils/IntRanges.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::snn;

bool mlir::snn::hasEventForm(Operation *op) { return isa_and_nonnull<Conv2dOp, DenseOp>(op); }

/// True if the dense form of `conv` is computed with vector lanes across its
/// output channels: it has at least 8 output channels per group.
static bool hasChannelLanes(Conv2dOp conv) {
  constexpr int64_t kMinChannelLanes = 8;
  int64_t outChannels = cast<ShapedType>(conv.getWeight().getType()).getDimSize(0);
  return outChannels / conv.getGroupsAttr().getInt() >= kMinChannelLanes;
}

ReductionBuffers mlir::snn::getReductionBuffers(Operation *op) {
  ReductionBuffers buffers;
  if (!isa<Conv2dOp, DenseOp, SumPool2dOp, AvgPool2dOp>(op))
    return buffers;
  buffers.accumulator = getAccumulatorType(op);
  if (!hasEventForm(op))
    return buffers;
  bool event = getSynapseForm(op) == SynapseForm::Event;
  auto conv = dyn_cast<Conv2dOp>(op);
  bool lanes = !conv || event || hasChannelLanes(conv);
  if (lanes)
    buffers.packedWeights = op->getOperand(1);
  Type inElt = getElementType(op->getOperand(0));
  buffers.convertedInput =
      event ? !isSpikeType(inElt) : conv ? lanes : inElt != buffers.accumulator;
  return buffers;
}

SynapseForm mlir::snn::getSynapseForm(Operation *op) {
  return TypeSwitch<Operation *, SynapseForm>(op)
      .Case<Conv2dOp, DenseOp>([](auto synapse) {
        return synapse.getForm().value_or(SynapseForm::Dense);
      })
      .Default([](Operation *) { return SynapseForm::Dense; });
}

void mlir::snn::setSynapseForm(Operation *op, SynapseForm form) {
  TypeSwitch<Operation *>(op).Case<Conv2dOp, DenseOp>([&](auto synapse) {
    synapse.setFormAttr(SynapseFormAttr::get(op->getContext(), form));
  });
}

FloatAttr mlir::snn::getActivity(Operation *op) {
  return TypeSwitch<Operation *, FloatAttr>(op)
      .Case<Conv2dOp, DenseOp>([](auto synapse) { return synapse.getActivityAttr(); })
      .Default([](Operation *) { return nullptr; });
}

void mlir::snn::setActivity(Operation *op, double activity) {
  TypeSwitch<Operation *>(op).Case<Conv2dOp, DenseOp>([&](auto synapse) {
    synapse.setActivityAttr(FloatAttr::get(Float64Type::get(op->getContext()), activity));
  });
}

/// The constant float elements `value` is taken from (seen through the
/// block arguments of fusion groups and through the slices tiles take), or
/// null.
static DenseFPElementsAttr floatConstant(Value value) {
  while (true) {
    if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
      value = slice.getSource();
      continue;
    }
    auto arg = dyn_cast<BlockArgument>(value);
    if (!arg)
      break;
    auto group = dyn_cast<GroupOp>(arg.getOwner()->getParentOp());
    if (!group)
      return nullptr;
    value = group.getInputs()[arg.getArgNumber()];
  }
  DenseFPElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return nullptr;
  return attr;
}

LogicalResult mlir::snn::checkEventFormExact(Operation *synapse, std::string &why) {
  if (!hasEventForm(synapse)) {
    why = "only conv2d and dense layers have an event-driven form";
    return failure();
  }
  if (!isa<FloatType>(getElementType(synapse->getResult(0))))
    return success();
  DenseFPElementsAttr weights = floatConstant(synapse->getOperand(1));
  if (!weights || llvm::any_of(weights.getValues<APFloat>(),
                               [](const APFloat &w) { return !w.isFinite(); })) {
    why = "its float weights are not all finite constants (a silent input's 0 * inf is NaN)";
    return failure();
  }
  if (synapse->getNumOperands() > 2) {
    DenseFPElementsAttr bias = floatConstant(synapse->getOperand(2));
    if (!bias || llvm::any_of(bias.getValues<APFloat>(), [](const APFloat &b) {
          return b.isZero() && b.isNegative();
        })) {
      why = "its float bias is not a constant free of -0.0 (-0.0 + 0 * w is +0.0)";
      return failure();
    }
  }
  return success();
}
