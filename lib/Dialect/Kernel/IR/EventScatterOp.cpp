//===- EventScatterOp.cpp - snn_kernel.event_scatter -----------------------===//

#include "snn/Dialect/Kernel/IR/KernelOps.h"

using namespace mlir;
using namespace mlir::snn::kernel;

/// True if the static sizes `a` and `b` may be equal.
static bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

LogicalResult EventScatterOp::verify() {
  auto input = dyn_cast<ShapedType>(getInput().getType());
  auto weights = dyn_cast<ShapedType>(getWeights().getType());
  auto acc = dyn_cast<ShapedType>(getAcc().getType());
  bool onTensors = isa<RankedTensorType>(acc);
  for (ShapedType type : {input, weights, acc})
    if (!type.hasRank() || isa<RankedTensorType>(type) != onTensors)
      return emitOpError() << "operands must all be ranked tensors or all memrefs";
  if (input.getRank() != 4 || weights.getRank() != 5 || acc.getRank() != 5)
    return emitOpError() << "expects input T x C x H x W, weights G x C/G x KH x KW x K and "
                            "accumulators T x G x OH x OW x K";
  Type elt = acc.getElementType();
  if (weights.getElementType() != elt)
    return emitOpError() << "weights and accumulators must have one element type";
  if (!hasSpikeInput() && input.getElementType() != elt)
    return emitOpError() << "input must be i1 or of the accumulators' type " << elt << ", got "
                         << input.getElementType();
  if (getStride().size() != 2 || getDilation().size() != 2 ||
      llvm::any_of(getStride(), [](int64_t s) { return s < 1; }) ||
      llvm::any_of(getDilation(), [](int64_t d) { return d < 1; }))
    return emitOpError() << "stride and dilation must be two positive integers";
  ArrayRef<int64_t> x = input.getShape(), w = weights.getShape(), a = acc.getShape();
  if (!compatible(x[0], a[0]) || !compatible(w[0], a[1]) || !compatible(w[4], a[4]))
    return emitOpError() << "steps, groups or output channels of input " << input
                         << ", weights " << weights << " and accumulators " << acc
                         << " differ";
  if (!ShapedType::isDynamic(x[1]) && !ShapedType::isDynamic(w[0]) &&
      !ShapedType::isDynamic(w[1]) && x[1] != w[0] * w[1])
    return emitOpError() << "input has " << x[1] << " channels, weights " << w[0]
                         << " groups of " << w[1];
  if (onTensors ? getResult() == nullptr || getResult().getType() != acc
                : getResult() != nullptr)
    return emitOpError() << "returns the new accumulators on tensors and nothing on buffers";
  return success();
}

void EventScatterOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  if (!isa<MemRefType>(getAcc().getType()))
    return;
  auto add = [&](MemoryEffects::Effect *effect, OpOperand &operand) {
    effects.emplace_back(effect, &operand, /*stage=*/0, /*effectOnFullRegion=*/true,
                         SideEffects::DefaultResource::get());
  };
  add(MemoryEffects::Read::get(), getInputMutable());
  add(MemoryEffects::Read::get(), getWeightsMutable());
  add(MemoryEffects::Read::get(), getAccMutable());
  add(MemoryEffects::Write::get(), getAccMutable());
}
