//===- Rebuild.cpp - Copies of snn ops with new operands -------------------===//

#include "snn/Dialect/SNN/Utils/Rebuild.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include "mlir/IR/OpDefinition.h"

using namespace mlir;
using namespace mlir::snn;

/// Operand group names in ODS order, per op family.
static ArrayRef<StringRef> segmentNames(Operation *op) {
  static const StringRef neuron[] = {"input", "recurrent", "recurrent_bias", "init", "at"};
  static const StringRef delay[] = {"input", "init"};
  static const StringRef withAt[] = {"input", "at"};
  static const StringRef mac[] = {"input", "weight", "bias"};
  if (isa<NeuronOpInterface>(op))
    return neuron;
  if (isa<DelayOp>(op))
    return delay;
  if (isa<ScaleOp, ThresholdOp>(op))
    return withAt;
  if (isa<Conv2dOp, DenseOp>(op))
    return mac;
  return {};
}

unsigned mlir::snn::getSegmentIndex(Operation *op, StringRef name) {
  ArrayRef<StringRef> names = segmentNames(op);
  const auto *it = llvm::find(names, name);
  assert(it != names.end() && "op has no such operand group");
  return it - names.begin();
}

SmallVector<SmallVector<Value>> mlir::snn::getOperandSegments(Operation *op) {
  ArrayRef<StringRef> names = segmentNames(op);
  if (names.empty())
    return {SmallVector<Value>(op->getOperands())};
  SmallVector<SmallVector<Value>> segments(names.size());
  if (auto sizes = dyn_cast_or_null<DenseI32ArrayAttr>(
          op->getPropertiesAsAttribute() ? cast<DictionaryAttr>(op->getPropertiesAsAttribute())
                                               .get("operandSegmentSizes")
                                         : Attribute())) {
    unsigned next = 0;
    for (auto [i, size] : llvm::enumerate(sizes.asArrayRef()))
      for (int32_t k = 0; k < size; ++k)
        segments[i].push_back(op->getOperand(next++));
    return segments;
  }
  // Without a segment attribute only the last group is variadic/optional.
  unsigned fixed = names.size() - 1;
  for (unsigned i = 0; i < op->getNumOperands(); ++i)
    segments[std::min(i, fixed)].push_back(op->getOperand(i));
  return segments;
}

Operation *mlir::snn::rebuildOp(OpBuilder &b, Operation *op,
                                ArrayRef<SmallVector<Value>> segments,
                                TypeRange resultTypes,
                                ArrayRef<NamedAttribute> overrides) {
  OperationState state(op->getLoc(), op->getName());
  SmallVector<int32_t> sizes;
  for (const SmallVector<Value> &segment : segments) {
    state.addOperands(segment);
    sizes.push_back(segment.size());
  }
  state.addTypes(resultTypes);

  NamedAttrList inherent;
  if (Attribute props = op->getPropertiesAsAttribute())
    inherent.append(cast<DictionaryAttr>(props).getValue());
  if (op->hasTrait<OpTrait::AttrSizedOperandSegments>())
    inherent.set("operandSegmentSizes", b.getDenseI32ArrayAttr(sizes));
  for (const NamedAttribute &attr : overrides) {
    if (attr.getValue())
      inherent.set(attr.getName(), attr.getValue());
    else
      inherent.erase(attr.getName());
  }
  state.propertiesAttr = inherent.getDictionary(b.getContext());
  for (NamedAttribute attr : op->getDiscardableAttrs())
    state.addAttribute(attr.getName(), attr.getValue());
  return b.create(state);
}
