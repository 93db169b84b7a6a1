//===- VerifyUtils.cpp - Shared checks of SNN op verifiers -----------------===//

#include "VerifyUtils.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::snn;

static void printShape(InFlightDiagnostic &diag, ArrayRef<int64_t> shape) {
  diag << "[";
  llvm::interleaveComma(shape, diag);
  diag << "]";
}

LogicalResult checks::verifyTensorSize(Operation *op, Value value, StringRef what) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.hasStaticShape())
    return op->emitOpError() << "expects a statically shaped " << what << ", got "
                             << type;
  // Sizes are counted in bits with int64_t everywhere (the cost model, the
  // lowering, snn-run): a tensor must be non-empty and its bits must fit.
  if (llvm::is_contained(type.getShape(), 0))
    return op->emitOpError() << "expects the " << what << " to be non-empty, got " << type;
  int64_t bits = type.getElementTypeBitWidth();
  for (int64_t d : type.getShape())
    if (llvm::MulOverflow(bits, d, bits))
      return op->emitOpError() << "expects the " << what
                               << " to hold fewer than 2^63 bits, got " << type;
  return success();
}

LogicalResult checks::verifyTimeTensor(Operation *op, Value value, StringRef what,
                                       int64_t rank, StringRef layout) {
  auto type = cast<RankedTensorType>(value.getType());
  if (failed(verifyTensorSize(op, value, what)))
    return failure();
  if (type.getRank() < 1)
    return op->emitOpError() << "expects the " << what
                             << " to have a leading time dimension, got " << type;
  if (rank >= 0 && type.getRank() != rank)
    return op->emitOpError() << "expects a " << rank << "-D " << what << " "
                             << layout << ", got " << type;
  return success();
}

LogicalResult checks::verifySameTime(Operation *op, Value value, StringRef what,
                                     Value result) {
  int64_t a = cast<RankedTensorType>(value.getType()).getDimSize(0);
  int64_t b = cast<RankedTensorType>(result.getType()).getDimSize(0);
  if (a != b)
    return op->emitOpError() << "has " << a << " time steps in the " << what
                             << " but " << b << " in the result";
  return success();
}

LogicalResult checks::verifyShape(Operation *op, StringRef what,
                                  ArrayRef<int64_t> actual,
                                  ArrayRef<int64_t> expected) {
  if (actual == expected)
    return success();
  InFlightDiagnostic diag = op->emitOpError() << "expects " << what << " of shape ";
  printShape(diag, expected);
  diag << ", got ";
  printShape(diag, actual);
  return diag;
}

LogicalResult checks::verifyPair(Operation *op, StringRef name,
                                 ArrayRef<int64_t> values, int64_t minValue) {
  if (values.size() != 2)
    return op->emitOpError() << "expects '" << name << "' to have 2 values, got "
                             << values.size();
  for (int64_t v : values)
    if (v < minValue)
      return op->emitOpError() << "expects '" << name << "' values >= " << minValue
                               << ", got " << v;
  return success();
}

FailureOr<int64_t> checks::windowOutputSize(Operation *op, int64_t in,
                                            int64_t kernel, int64_t stride,
                                            int64_t pad, int64_t dilation) {
  // Attributes may be as large as int64_t allows: compute in 128 bits.
  __int128 padded = __int128(in) + 2 * __int128(pad);
  __int128 extent = __int128(dilation) * (kernel - 1) + 1;
  if (padded > INT64_MAX || extent > INT64_MAX) {
    op->emitOpError() << "window of kernel " << kernel << ", dilation " << dilation
                      << " and padding " << pad << " exceeds 64-bit extents";
    return failure();
  }
  if (extent > padded) {
    op->emitOpError() << "kernel of extent " << int64_t(extent)
                      << " does not fit the padded input extent " << int64_t(padded);
    return failure();
  }
  return int64_t((padded - extent) / stride + 1);
}

LogicalResult checks::verifyMacTypes(Operation *op, Type input, Type weight,
                                     Type bias, Type result, int64_t count) {
  if (isIntType(result)) {
    if (!isIntType(input) || !isIntType(weight))
      return op->emitOpError()
             << "integer result requires integer input and weight, got " << input
             << " and " << weight;
    if (bias && bias != result)
      return op->emitOpError() << "expects bias of the result element type "
                               << result << ", got " << bias;
    int64_t bits = getMagnitudeBits(input) + getMagnitudeBits(weight) +
                   llvm::Log2_64_Ceil(count + 1) + 1;
    if (bits > 62)
      return op->emitOpError()
             << "integer accumulation of " << count << " products of " << input
             << " and " << weight << " may overflow 64 bits";
    return success();
  }
  if (weight != result || (input != result && !isSpikeType(input)))
    return op->emitOpError() << "float result " << result
                             << " requires weight of that type and input of that "
                                "type or i1, got "
                             << input << " and " << weight;
  if (bias && bias != result)
    return op->emitOpError() << "expects bias of the result element type " << result
                             << ", got " << bias;
  return success();
}

LogicalResult checks::verifyActivity(Operation *op, FloatAttr activity) {
  if (activity && !(activity.getValueAsDouble() >= 0.0 && activity.getValueAsDouble() <= 1.0))
    return op->emitOpError() << "activity must be a fraction in [0, 1], got "
                             << activity.getValueAsDouble();
  return success();
}

LogicalResult checks::verifyTilePlacement(Operation *op, ValueRange at,
                                          std::optional<ArrayRef<int64_t>> layerShape,
                                          ArrayRef<int64_t> shape) {
  if (at.empty() != !layerShape)
    return op->emitOpError() << "expects 'at' offsets and 'layer_shape' together";
  if (at.empty())
    return success();
  if (at.size() != shape.size() || layerShape->size() != shape.size())
    return op->emitOpError() << "expects " << shape.size()
                             << " 'at' offsets and 'layer_shape' values (one per "
                                "per-step dimension)";
  for (auto [tile, layer] : llvm::zip(shape, *layerShape))
    if (tile > layer)
      return op->emitOpError() << "tile of per-step shape larger than its 'layer_shape'";
  int64_t neurons = 1;
  for (int64_t layer : *layerShape)
    if (llvm::MulOverflow(neurons, layer, neurons))
      return op->emitOpError() << "'layer_shape' has more than 2^63 neurons";
  return success();
}
