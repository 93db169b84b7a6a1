//===- SynapseOps.cpp - Verifiers and layer facts of stateless ops ---------===//

#include "VerifyUtils.h"
#include "snn/Dialect/SNN/IR/NeuronModel.h"
#include "snn/Dialect/SNN/IR/SNNOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::snn;
using namespace mlir::snn::checks;

static int64_t numStepElements(Value v) { return getNumElements(getStepShape(v)); }

/// Layer facts shared by element-wise ops: one update per element, and every
/// output position reads the same position of each activation operand.
#define SNN_ELEMENTWISE_LAYER(OP)                                                \
  int64_t OP::getOpsPerStep() { return numStepElements(getResult()); }          \
  FailureOr<AxisMap> OP::getAxisMap(unsigned, unsigned) {                      \
    return AxisMap::identity();                                                 \
  }

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

LogicalResult Conv2dOp::verify() {
  if (failed(verifyTimeTensor(*this, getInput(), "input", 4, "tensor<T x C x H x W>")) ||
      failed(verifyTimeTensor(*this, getWeight(), "weight", -1)) ||
      failed(verifyTimeTensor(*this, getResult(), "result", 4, "tensor<T x K x OH x OW>")))
    return failure();
  auto weightType = cast<RankedTensorType>(getWeight().getType());
  if (weightType.getRank() != 4)
    return emitOpError() << "expects a 4-D weight tensor<K x C/groups x KH x KW>, got "
                         << weightType;
  if (failed(verifyPair(*this, "stride", getStride(), 1)) ||
      failed(verifyPair(*this, "padding", getPadding(), 0)) ||
      failed(verifyPair(*this, "dilation", getDilation(), 1)))
    return failure();

  ArrayRef<int64_t> in = cast<RankedTensorType>(getInput().getType()).getShape();
  ArrayRef<int64_t> w = weightType.getShape();
  int64_t groups = getGroupsAttr().getInt();
  if (groups < 1 || in[1] % groups != 0 || w[0] % groups != 0)
    return emitOpError() << "groups (" << groups << ") must divide the input channels ("
                         << in[1] << ") and the output channels (" << w[0] << ")";
  if (w[1] != in[1] / groups)
    return emitOpError() << "weight has " << w[1]
                         << " input channels per group, expected " << in[1] / groups;
  FailureOr<int64_t> oh = windowOutputSize(*this, in[2], w[2], getStride()[0],
                                           getPadding()[0], getDilation()[0]);
  if (failed(oh))
    return failure();
  FailureOr<int64_t> ow = windowOutputSize(*this, in[3], w[3], getStride()[1],
                                           getPadding()[1], getDilation()[1]);
  if (failed(ow))
    return failure();
  auto resultType = cast<RankedTensorType>(getResult().getType());
  if (failed(verifyShape(*this, "result", resultType.getShape(),
                         {in[0], w[0], *oh, *ow})))
    return failure();
  Type biasElt;
  if (Value bias = getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (failed(verifyShape(*this, "bias", biasType.getShape(), {w[0]})))
      return failure();
    biasElt = biasType.getElementType();
  }
  if (failed(verifyActivity(*this, getActivityAttr())))
    return failure();
  return verifyMacTypes(*this, getElementType(getInput()), weightType.getElementType(),
                        biasElt, resultType.getElementType(), w[1] * w[2] * w[3]);
}

SmallVector<unsigned> Conv2dOp::getWeightOperands() {
  return getBias() ? SmallVector<unsigned>{1, 2} : SmallVector<unsigned>{1};
}

int64_t Conv2dOp::getOpsPerStep() {
  ArrayRef<int64_t> w = cast<RankedTensorType>(getWeight().getType()).getShape();
  return numStepElements(getResult()) * w[1] * w[2] * w[3];
}

FailureOr<AxisMap> Conv2dOp::getAxisMap(unsigned, unsigned resultDim) {
  ArrayRef<int64_t> w = cast<RankedTensorType>(getWeight().getType()).getShape();
  // Output channels of a grouped convolution read only their group's inputs;
  // tiles of such channels are not supported.
  if (resultDim == 0)
    return getGroupsAttr().getInt() == 1 ? FailureOr<AxisMap>(AxisMap::all())
                                         : FailureOr<AxisMap>(failure());
  unsigned i = resultDim - 1;
  return AxisMap::window(getStride()[i], getPadding()[i],
                         getDilation()[i] * (w[resultDim + 1] - 1) + 1);
}

SmallVector<int64_t> Conv2dOp::getMacArrayExtents() {
  ArrayRef<int64_t> out = getStepShape(getResult());
  return {out[0], cast<RankedTensorType>(getWeight().getType()).getDimSize(1), out[1], out[2]};
}

//===----------------------------------------------------------------------===//
// dense
//===----------------------------------------------------------------------===//

LogicalResult DenseOp::verify() {
  if (failed(verifyTimeTensor(*this, getInput(), "input", 2, "tensor<T x N>")) ||
      failed(verifyTimeTensor(*this, getResult(), "result", 2, "tensor<T x M>")))
    return failure();
  auto weightType = cast<RankedTensorType>(getWeight().getType());
  int64_t n = cast<RankedTensorType>(getInput().getType()).getDimSize(1);
  int64_t m = cast<RankedTensorType>(getResult().getType()).getDimSize(1);
  if (failed(verifyShape(*this, "weight", weightType.getShape(), {m, n})) ||
      failed(verifyTensorSize(*this, getWeight(), "weight")) ||
      failed(verifySameTime(*this, getInput(), "input", getResult())))
    return failure();
  Type biasElt;
  if (Value bias = getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (failed(verifyShape(*this, "bias", biasType.getShape(), {m})))
      return failure();
    biasElt = biasType.getElementType();
  }
  if (failed(verifyActivity(*this, getActivityAttr())))
    return failure();
  return verifyMacTypes(*this, getElementType(getInput()), weightType.getElementType(),
                        biasElt, getElementType(getResult()), n);
}

SmallVector<unsigned> DenseOp::getWeightOperands() {
  return getBias() ? SmallVector<unsigned>{1, 2} : SmallVector<unsigned>{1};
}

int64_t DenseOp::getOpsPerStep() {
  return numStepElements(getResult()) * numStepElements(getInput());
}

FailureOr<AxisMap> DenseOp::getAxisMap(unsigned, unsigned) {
  return AxisMap::all();
}

//===----------------------------------------------------------------------===//
// add
//===----------------------------------------------------------------------===//

LogicalResult AddOp::verify() {
  if (getInputs().size() < 2)
    return emitOpError() << "expects at least 2 operands, got " << getInputs().size();
  if (failed(verifyTimeTensor(*this, getResult(), "result")))
    return failure();
  auto resultType = cast<RankedTensorType>(getResult().getType());
  Type resultElt = resultType.getElementType();
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (type.getShape() != resultType.getShape())
      return emitOpError() << "operand #" << i << " has type " << type
                           << ", whose shape differs from the result " << resultType;
    Type elt = type.getElementType();
    if (getMode() == AddMode::Or) {
      if (!isSpikeType(elt) || !isSpikeType(resultElt))
        return emitOpError() << "mode 'or' requires i1 operands and result";
    } else if (isIntType(resultElt) ? !isIntType(elt)
                                    : (elt != resultElt && !isSpikeType(elt))) {
      return emitOpError() << "operand #" << i << " element type " << elt
                           << " cannot be summed into " << resultElt;
    }
  }
  return success();
}

SmallVector<unsigned> AddOp::getActivationOperands() {
  return llvm::to_vector(llvm::seq<unsigned>(0, getInputs().size()));
}

int64_t AddOp::getOpsPerStep() {
  return (getInputs().size() - 1) * numStepElements(getResult());
}

FailureOr<AxisMap> AddOp::getAxisMap(unsigned, unsigned) { return AxisMap::identity(); }

//===----------------------------------------------------------------------===//
// pooling
//===----------------------------------------------------------------------===//

/// Shape and type checks shared by the pooling ops. `sameType` requires the
/// result element type to equal the input's (max pooling).
template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op, bool sameType) {
  if (failed(verifyTimeTensor(op, op.getInput(), "input", 4, "tensor<T x C x H x W>")) ||
      failed(verifyTimeTensor(op, op.getResult(), "result", 4, "tensor<T x C x OH x OW>")) ||
      failed(verifyPair(op, "kernel", op.getKernel(), 1)) ||
      failed(verifyPair(op, "stride", op.getStrideOrKernel(), 1)) ||
      failed(verifyPair(op, "padding", op.getPadding(), 0)))
    return failure();
  ArrayRef<int64_t> in = cast<RankedTensorType>(op.getInput().getType()).getShape();
  SmallVector<int64_t> expected = {in[0], in[1]};
  for (unsigned i = 0; i < 2; ++i) {
    if (op.getPadding()[i] >= op.getKernel()[i])
      return op.emitOpError() << "expects padding smaller than the kernel, got "
                              << op.getPadding()[i] << " for a kernel of "
                              << op.getKernel()[i];
    FailureOr<int64_t> size =
        windowOutputSize(op, in[i + 2], op.getKernel()[i], op.getStrideOrKernel()[i],
                         op.getPadding()[i], 1);
    if (failed(size))
      return failure();
    expected.push_back(*size);
  }
  auto resultType = cast<RankedTensorType>(op.getResult().getType());
  if (failed(verifyShape(op, "result", resultType.getShape(), expected)))
    return failure();
  Type inElt = getElementType(op.getInput()), outElt = resultType.getElementType();
  if (sameType ? inElt != outElt
               : !(isIntType(outElt) ? isIntType(inElt)
                                     : (inElt == outElt || isSpikeType(inElt))))
    return op.emitOpError() << "cannot pool " << inElt << " into " << outElt;
  return success();
}

template <typename PoolOp>
static FailureOr<AxisMap> poolAxisMap(PoolOp op, unsigned resultDim) {
  if (resultDim == 0)
    return AxisMap::identity();
  unsigned i = resultDim - 1;
  return AxisMap::window(op.getStrideOrKernel()[i], op.getPadding()[i],
                         op.getKernel()[i]);
}

#define SNN_POOL_OP(OP, SAME_TYPE)                                              \
  LogicalResult OP::verify() { return verifyPool(*this, SAME_TYPE); }           \
  int64_t OP::getOpsPerStep() {                                                 \
    return numStepElements(getResult()) * getKernel()[0] * getKernel()[1];      \
  }                                                                             \
  SmallVector<int64_t> OP::getWindowExtents() {                                \
    return SmallVector<int64_t>(getKernel());                                   \
  }                                                                             \
  FailureOr<AxisMap> OP::getAxisMap(unsigned, unsigned resultDim) {            \
    return poolAxisMap(*this, resultDim);                                       \
  }
SNN_POOL_OP(MaxPool2dOp, true)
SNN_POOL_OP(SumPool2dOp, false)
SNN_POOL_OP(AvgPool2dOp, false)
#undef SNN_POOL_OP

//===----------------------------------------------------------------------===//
// flatten, reshape
//===----------------------------------------------------------------------===//

LogicalResult FlattenOp::verify() {
  if (failed(verifyTimeTensor(*this, getInput(), "input")) ||
      failed(verifyTimeTensor(*this, getResult(), "result")))
    return failure();
  ArrayRef<int64_t> step = getStepShape(getInput());
  int64_t rank = step.size();
  int64_t startDim = getStartDimAttr().getInt(), endDim = getEndDimAttr().getInt();
  int64_t start = startDim < 0 ? startDim + rank : startDim;
  int64_t end = endDim < 0 ? endDim + rank : endDim;
  if (start < 0 || end >= rank || start > end)
    return emitOpError() << "expects 0 <= start_dim <= end_dim < " << rank
                         << " (per-step dimensions), got " << startDim << " and "
                         << endDim;
  SmallVector<int64_t> expected = {
      cast<RankedTensorType>(getInput().getType()).getDimSize(0)};
  expected.append(step.begin(), step.begin() + start);
  expected.push_back(getNumElements(step.slice(start, end - start + 1)));
  expected.append(step.begin() + end + 1, step.end());
  if (failed(verifyShape(*this, "result",
                         cast<RankedTensorType>(getResult().getType()).getShape(),
                         expected)))
    return failure();
  if (getElementType(getInput()) != getElementType(getResult()))
    return emitOpError() << "expects the result element type to equal the input's";
  return success();
}

int64_t FlattenOp::getOpsPerStep() { return 0; }
FailureOr<AxisMap> FlattenOp::getAxisMap(unsigned, unsigned) { return failure(); }

LogicalResult ReshapeOp::verify() {
  if (failed(verifyTimeTensor(*this, getInput(), "input")) ||
      failed(verifyTimeTensor(*this, getResult(), "result")) ||
      failed(verifySameTime(*this, getInput(), "input", getResult())))
    return failure();
  if (numStepElements(getInput()) != numStepElements(getResult()))
    return emitOpError() << "cannot reshape " << numStepElements(getInput())
                         << " elements per step into " << numStepElements(getResult());
  if (getElementType(getInput()) != getElementType(getResult()))
    return emitOpError() << "expects the result element type to equal the input's";
  return success();
}

int64_t ReshapeOp::getOpsPerStep() { return 0; }
FailureOr<AxisMap> ReshapeOp::getAxisMap(unsigned, unsigned) { return failure(); }

//===----------------------------------------------------------------------===//
// element-wise: scale, delay, threshold, relu
//===----------------------------------------------------------------------===//

/// Checks that the result has the input's shape (and time steps).
static LogicalResult verifyElementwiseShape(Operation *op, Value input, Value result) {
  if (failed(verifyTimeTensor(op, input, "input")) ||
      failed(verifyTimeTensor(op, result, "result")))
    return failure();
  auto inType = cast<RankedTensorType>(input.getType());
  return verifyShape(op, "result", cast<RankedTensorType>(result.getType()).getShape(),
                     inType.getShape());
}

LogicalResult ScaleOp::verify() {
  if (failed(verifyElementwiseShape(*this, getInput(), getResult())) ||
      failed(verifyTilePlacement(*this, getAt(), getLayerShape(),
                                 getStepShape(getInput()))))
    return failure();
  FailureOr<Param> factor = Param::get(getFactor(), 1.0, getParamShape(*this), "factor",
                                       [&]() { return emitOpError(); });
  if (failed(factor))
    return failure();
  Type in = getElementType(getInput()), out = getElementType(getResult());
  if (isIntType(out) ? !isIntType(in) : (in != out && !isSpikeType(in)))
    return emitOpError() << "cannot scale " << in << " into " << out;
  // Integer results multiply by the Q16 factor in 64 bits (as neuron gains).
  if (isIntType(out))
    for (double v : factor->getValues())
      if (std::fabs(v) >= 16384.0)
        return emitOpError() << "'factor' must be below 16384 in magnitude for an "
                                "integer result, got "
                             << v;
  return success();
}
SNN_ELEMENTWISE_LAYER(ScaleOp)

LogicalResult DelayOp::verify() {
  if (failed(verifyElementwiseShape(*this, getInput(), getResult())))
    return failure();
  if (getStepsAttr().getInt() < 0)
    return emitOpError() << "expects a non-negative number of steps, got "
                         << getStepsAttr().getInt();
  if (getElementType(getInput()) != getElementType(getResult()))
    return emitOpError() << "expects the result element type to equal the input's";
  if (getInit().size() > 1 || getFinal().size() != getInit().size())
    return emitOpError() << "expects at most one 'init' history and one final history "
                            "per 'init'";
  if (!getInit().empty()) {
    auto inType = cast<RankedTensorType>(getInput().getType());
    SmallVector<int64_t> shape(inType.getShape());
    shape[0] = getStepsAttr().getInt();
    auto expected = RankedTensorType::get(shape, inType.getElementType());
    if (getInit()[0].getType() != expected || getFinal()[0].getType() != expected)
      return emitOpError() << "expects the history to be of type " << expected;
    if (failed(verifyTensorSize(*this, getInit()[0], "history")))
      return failure();
  }
  return success();
}
int64_t DelayOp::getOpsPerStep() { return 0; }
FailureOr<AxisMap> DelayOp::getAxisMap(unsigned, unsigned) { return AxisMap::identity(); }

/// The history: the last `steps` inputs, oldest first.
SmallVector<Type> DelayOp::getStateTypes() {
  int64_t steps = getStepsAttr().getInt();
  if (steps <= 0)
    return {};
  auto type = cast<RankedTensorType>(getInput().getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[0] = steps;
  return {RankedTensorType::get(shape, type.getElementType())};
}

int64_t DelayOp::getStateBits() {
  return getStepsAttr().getInt() * numStepElements(getInput()) *
         getElementBits(getElementType(getInput()));
}

LogicalResult ThresholdOp::verify() {
  if (failed(verifyElementwiseShape(*this, getInput(), getResult())) ||
      failed(verifyTilePlacement(*this, getAt(), getLayerShape(),
                                 getStepShape(getInput()))))
    return failure();
  if (!isSpikeType(getElementType(getResult())))
    return emitOpError() << "expects an i1 spike result, got "
                         << getElementType(getResult());
  return Param::get(getThreshold(), 0.0, getParamShape(*this), "threshold",
                    [&]() { return emitOpError(); });
}
SNN_ELEMENTWISE_LAYER(ThresholdOp)

LogicalResult ReluOp::verify() {
  if (failed(verifyElementwiseShape(*this, getInput(), getResult())))
    return failure();
  Type in = getElementType(getInput()), out = getElementType(getResult());
  int64_t shift = getShiftAttr().getInt();
  if (shift < 0 || shift > 62)
    return emitOpError() << "expects a shift in [0, 62], got " << shift;
  if (isIntType(in) && isSignedIntType(out))
    return success();
  if (isa<FloatType>(in) && in == out) {
    if (shift != 0)
      return emitOpError() << "a float relu takes no shift";
    return success();
  }
  return emitOpError() << "expects integer to (multi-bit) integer or float to the "
                          "same float, got "
                       << in << " to " << out;
}
SNN_ELEMENTWISE_LAYER(ReluOp)
