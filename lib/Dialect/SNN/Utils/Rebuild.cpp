//===- Rebuild.cpp - Copies of snn ops with new operands -------------------===//

#include "snn/Dialect/SNN/Utils/Rebuild.h"

using namespace mlir;
using namespace mlir::snn;

Operation *mlir::snn::rebuildOp(OpBuilder &b, Operation *op, ValueRange operands,
                                TypeRange resultTypes, ArrayRef<NamedAttribute> overrides) {
  assert(operands.size() == op->getNumOperands() && "operand groups must keep their sizes");
  OperationState state(op->getLoc(), op->getName());
  state.addOperands(operands);
  state.addTypes(resultTypes);

  NamedAttrList inherent;
  if (Attribute props = op->getPropertiesAsAttribute())
    inherent.append(cast<DictionaryAttr>(props).getValue());
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
