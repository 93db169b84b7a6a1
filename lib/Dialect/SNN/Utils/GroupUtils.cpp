//===- GroupUtils.cpp - Facts about snn.group ops --------------------------===//

#include "snn/Dialect/SNN/Utils/GroupUtils.h"
#include "snn/Dialect/SNN/IR/ElementTypes.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::snn;

SmallVector<Operation *> mlir::snn::getGroupMembers(GroupOp group) {
  SmallVector<Operation *> members;
  for (Operation &op : group.getBody().front())
    if (isa<LayerOpInterface>(op))
      members.push_back(&op);
  return members;
}

bool mlir::snn::isActivationArgument(BlockArgument arg) {
  for (OpOperand &use : arg.getUses()) {
    auto layer = dyn_cast<LayerOpInterface>(use.getOwner());
    if (layer && llvm::is_contained(layer.getActivationOperands(), use.getOperandNumber()))
      return true;
  }
  return false;
}

bool mlir::snn::isStepwiseSynapse(Operation *op) {
  if (!op || !isa<LayerOpInterface>(op) ||
      isa<NeuronOpInterface, DelayOp, ThresholdOp, ReluOp>(op))
    return false;
  Value result = op->getResult(0);
  return result.hasOneUse() &&
         isa<NeuronOpInterface, ThresholdOp, ReluOp>(*result.getUsers().begin());
}

bool mlir::snn::isInCycle(Operation *op) {
  return isa_and_nonnull<CycleOp>(op->getParentOp());
}

SmallVector<Type> mlir::snn::getStateTypes(Operation *op) {
  if (auto stateful = dyn_cast<StatefulOpInterface>(op))
    return stateful.getStateTypes();
  return {};
}

/// A constant of `type` holding `param` (broadcast over the layer).
static Value paramConstant(OpBuilder &b, Location loc, RankedTensorType type,
                           const Param &param) {
  Type elt = type.getElementType();
  auto attr = [&](double v) {
    return isa<FloatType>(elt) ? Attribute(b.getFloatAttr(elt, v))
                               : Attribute(b.getIntegerAttr(elt, int64_t(v)));
  };
  // A scalar is a splat: a layer may have more neurons than a list of
  // attributes could hold.
  if (param.isScalar())
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, attr(param.scalar())));
  ArrayRef<int64_t> shape = type.getShape();
  int64_t n = getNumElements(shape), perChannel = shape.empty() ? 1 : n / shape[0];
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < n; ++i)
    values.push_back(attr(param.at(perChannel ? i / perChannel : 0, i)));
  return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, values));
}

SmallVector<Value> mlir::snn::createInitialState(OpBuilder &b, Operation *op) {
  Location loc = op->getLoc();
  SmallVector<Type> types = getStateTypes(op);
  if (!isa<NeuronOpInterface>(op)) {
    // A delay line starts empty.
    auto type = cast<RankedTensorType>(types.front());
    return {arith::ConstantOp::create(b, loc, b.getZeroAttr(type))};
  }
  NeuronModel m = NeuronModel::get(op);
  SmallVector<Value> state;
  for (auto [component, type] : llvm::zip_equal(m.getStateComponents(), types)) {
    const Param *init = m.getInitialValue(component);
    state.push_back(init ? paramConstant(b, loc, cast<RankedTensorType>(type), *init)
                         : arith::ConstantOp::create(b, loc, b.getZeroAttr(type)));
  }
  return state;
}

bool mlir::snn::isReturned(Value value) {
  return llvm::any_of(value.getUsers(),
                      [](Operation *user) { return user->hasTrait<OpTrait::ReturnLike>(); });
}

RankedTensorType mlir::snn::withSteps(Type type, int64_t steps) {
  auto tensor = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(tensor.getShape());
  shape[0] = steps;
  return RankedTensorType::get(shape, tensor.getElementType());
}

/// Offsets, sizes and strides of steps [t0, t0 + steps) of a time-major type.
static void timeWindow(OpBuilder &b, RankedTensorType type, OpFoldResult t0, int64_t steps,
                       SmallVectorImpl<OpFoldResult> &offsets,
                       SmallVectorImpl<OpFoldResult> &sizes,
                       SmallVectorImpl<OpFoldResult> &strides) {
  offsets.assign(type.getRank(), b.getIndexAttr(0));
  strides.assign(type.getRank(), b.getIndexAttr(1));
  for (int64_t d : type.getShape())
    sizes.push_back(b.getIndexAttr(d));
  offsets[0] = t0;
  sizes[0] = b.getIndexAttr(steps);
}

Value mlir::snn::sliceSteps(OpBuilder &b, Location loc, Value value, OpFoldResult t0,
                            int64_t steps) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> offsets, sizes, strides;
  timeWindow(b, type, t0, steps, offsets, sizes, strides);
  return tensor::ExtractSliceOp::create(b, loc, withSteps(type, steps), value, offsets, sizes,
                                        strides);
}

Value mlir::snn::insertSteps(OpBuilder &b, Location loc, Value value, Value dest,
                             OpFoldResult t0) {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  timeWindow(b, cast<RankedTensorType>(dest.getType()), t0,
             cast<RankedTensorType>(value.getType()).getDimSize(0), offsets, sizes, strides);
  return tensor::InsertSliceOp::create(b, loc, value, dest, offsets, sizes, strides);
}
