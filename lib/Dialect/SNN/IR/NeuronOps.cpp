//===- NeuronOps.cpp - Verifiers and layer facts of neuron ops -------------===//

#include "VerifyUtils.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::checks;

/// State component element types in explicit-state order.
static SmallVector<Type> stateElementTypes(const NeuronModel &m) {
  return llvm::map_to_vector(m.getStateComponents(), [&](StateComponent component) {
    return m.getStateType(component);
  });
}

/// "current, membrane, previous spikes": the components, for diagnostics.
static std::string stateComponentNames(const NeuronModel &m) {
  std::string names;
  llvm::raw_string_ostream os(names);
  llvm::interleaveComma(m.getStateComponents(), os, [&](StateComponent component) {
    os << getStateComponentName(component);
  });
  return names;
}

template <typename NeuronOp>
static LogicalResult verifyNeuron(NeuronOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyTimeTensor(raw, op.getInput(), "input")) ||
      failed(verifyTimeTensor(raw, op.getOutput(), "result")))
    return failure();
  // The placement first: the parameters are counted against 'layer_shape'.
  if (failed(verifyTilePlacement(raw, op.getAt(), op.getLayerShape(),
                                 getStepShape(op.getInput()))))
    return failure();
  FailureOr<NeuronModel> model =
      NeuronModel::get(raw, [&]() { return op.emitOpError(); });
  if (failed(model))
    return failure();
  const NeuronModel &m = *model;
  // A spiking neuron's attribute on a leaky integrator would be kept as a
  // discardable attribute and ignored: only dialect attributes may be.
  for (NamedAttribute attr : raw->getDiscardableAttrs())
    if (!attr.getName().strref().contains('.'))
      return op.emitOpError() << "has no attribute '" << attr.getName().strref() << "'";

  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op.getOutput().getType());
  if (failed(verifyShape(raw, "result", outType.getShape(), inType.getShape())))
    return failure();
  Type outElt = m.spiking ? IntegerType::get(op.getContext(), 1) : m.stateType;
  if (outType.getElementType() != outElt)
    return op.emitOpError() << "expects result element type " << outElt
                            << (m.spiking ? " (spikes)" : " (the state type)")
                            << ", got " << outType.getElementType();
  Type inElt = inType.getElementType();
  Type drive = m.currentBased ? m.synType : m.stateType;
  if (isIntType(drive) && !isIntType(inElt))
    return op.emitOpError() << "integer state " << drive
                            << " requires an integer input, got " << inElt;

  ArrayRef<int64_t> step = inType.getShape().drop_front();
  if (op.getRecurrent() && !m.spiking)
    return op.emitOpError() << "recurrent connections need a spiking neuron";
  if (Value w = op.getRecurrent()) {
    if (step.size() != 1)
      return op.emitOpError() << "recurrent weights need a 2-D input tensor<T x N>";
    auto wType = cast<RankedTensorType>(w.getType());
    if (failed(verifyShape(raw, "recurrent weight", wType.getShape(),
                           {step[0], step[0]})) ||
        failed(verifyTensorSize(raw, w, "recurrent weight")))
      return failure();
    if (isIntType(drive) != isIntType(wType.getElementType()) ||
        (!isIntType(drive) && wType.getElementType() != drive))
      return op.emitOpError() << "recurrent weight element type "
                              << wType.getElementType() << " does not match the "
                              << "state type " << drive;
    if (Value b = op.getRecurrentBias()) {
      auto bType = cast<RankedTensorType>(b.getType());
      if (failed(verifyShape(raw, "recurrent bias", bType.getShape(), {step[0]})))
        return failure();
      if (bType.getElementType() != wType.getElementType())
        return op.emitOpError() << "expects the recurrent bias to have the recurrent "
                                   "weight's element type";
    }
  }

  SmallVector<Type> stateTypes = stateElementTypes(m);
  if (!op.getInit().empty() && op.getInit().size() != stateTypes.size())
    return op.emitOpError() << "expects 0 or " << stateTypes.size() << " 'init' values ("
                            << stateComponentNames(m) << "), got "
                            << op.getInit().size();
  if (op.getFinal().size() != op.getInit().size())
    return op.emitOpError() << "expects one final-state result per 'init' value, got "
                            << op.getFinal().size() << " for " << op.getInit().size();
  for (auto [i, init] : llvm::enumerate(op.getInit())) {
    auto expected = RankedTensorType::get(step, stateTypes[i]);
    if (init.getType() != expected || op.getFinal()[i].getType() != expected)
      return op.emitOpError() << "expects state component #" << i << " of type "
                              << expected;
  }
  return success();
}

template <typename NeuronOp>
static int64_t neuronStateBits(NeuronOp op) {
  int64_t bits = 0;
  for (Type type : stateElementTypes(NeuronModel::get(op.getOperation())))
    bits += getElementBits(type);
  return bits;
}

template <typename NeuronOp>
static int64_t neuronOpsPerStep(NeuronOp op) {
  int64_t n = getNumElements(getStepShape(op.getInput()));
  return op.getRecurrent() ? n + n * n : n;
}

template <typename NeuronOp>
static FailureOr<AxisMap> neuronAxisMap(NeuronOp op) {
  if (op.getRecurrent())
    return failure();
  return AxisMap::identity();
}

template <typename NeuronOp>
static SmallVector<unsigned> neuronWeightOperands(NeuronOp op) {
  SmallVector<unsigned> operands;
  if (op.getRecurrent())
    operands.push_back(1);
  if (op.getRecurrentBias())
    operands.push_back(2);
  return operands;
}

/// The state components as tensors of the per-step shape.
template <typename NeuronOp>
static SmallVector<Type> neuronStateTypes(NeuronOp op) {
  ArrayRef<int64_t> step = getStepShape(op.getInput());
  return llvm::map_to_vector(op.getStateElementTypes(), [&](Type elt) -> Type {
    return RankedTensorType::get(step, elt);
  });
}

#define SNN_NEURON_OP(OP)                                                       \
  LogicalResult OP::verify() { return verifyNeuron(*this); }                    \
  SmallVector<Type> OP::getStateElementTypes() {                                \
    return stateElementTypes(NeuronModel::get(getOperation()));                 \
  }                                                                             \
  int64_t OP::getStateBitsPerNeuron() { return neuronStateBits(*this); }        \
  int64_t OP::getOpsPerStep() { return neuronOpsPerStep(*this); }               \
  FailureOr<AxisMap> OP::getAxisMap(unsigned, unsigned) {                      \
    return neuronAxisMap(*this);                                                \
  }                                                                             \
  SmallVector<unsigned> OP::getWeightOperands() {                               \
    return neuronWeightOperands(*this);                                         \
  }                                                                             \
  SmallVector<Type> OP::getStateTypes() { return neuronStateTypes(*this); }     \
  int64_t OP::getStateBits() {                                                  \
    return getStateBitsPerNeuron() * getNumElements(getStepShape(getOutput())); \
  }
SNN_NEURON_OP(LIFOp)
SNN_NEURON_OP(CubaLIFOp)
SNN_NEURON_OP(LIOp)
SNN_NEURON_OP(CubaLIOp)
#undef SNN_NEURON_OP
